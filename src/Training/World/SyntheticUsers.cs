namespace InstructGpt.Training.World;

/// <summary>
/// The users who wrote the world's prompts. InstructGPT §3.2 caps prompts per user ID at 200 and splits train,
/// validation and test by user ID, so no user's prompts appear in two splits. How many prompts a user writes is
/// drawn log-uniformly between 1 and 200 (most users write a few, a few write many). Users join the split that is
/// least full relative to its target, so all splits fill together; the last user of a split may be cut short.
/// </summary>
public static class SyntheticUsers
{
    public const int MaxPromptsPerUser = 200; // InstructGPT §3.2

    public static IReadOnlyList<SyntheticUser> Allocate(IReadOnlyDictionary<WorldSplit, int> targets, WorldRandom random)
    {
        var filled = targets.Keys.ToDictionary(s => s, _ => 0);
        var users = new List<SyntheticUser>();
        while (true)
        {
            var open = targets.Where(t => filled[t.Key] < t.Value).Select(t => t.Key).ToArray();
            if (open.Length == 0) return users;
            var split = open.OrderBy(s => filled[s] / (double)targets[s]).ThenBy(s => s).First();
            var wanted = (int)Math.Floor(Math.Exp(random.NextDouble() * Math.Log(MaxPromptsPerUser + 1)));
            var prompts = Math.Min(Math.Clamp(wanted, 1, MaxPromptsPerUser), targets[split] - filled[split]);
            filled[split] += prompts;
            users.Add(new SyntheticUser($"user-{users.Count + 1:D5}", split, prompts));
        }
    }
}
