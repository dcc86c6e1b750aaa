
using InstructGpt.Tasks;

namespace InstructGpt.Training.World;

/// <summary>
/// The use-case mix of the InstructGPT API prompt dataset (InstructGPT Table 1), which the world's prompt sets
/// reproduce. Each prompt set gets exactly its share of every category (largest-remainder rounding), in random
/// order, so even a 52-prompt set is as close to Table 1 as whole numbers allow.
/// </summary>
public static class CategoryMix
{
    public const double Generation = 0.456;      // InstructGPT Table 1
    public const double OpenQa = 0.124;          // InstructGPT Table 1
    public const double Brainstorming = 0.112;   // InstructGPT Table 1
    public const double Chat = 0.084;            // InstructGPT Table 1
    public const double Rewrite = 0.066;         // InstructGPT Table 1
    public const double Summarization = 0.042;   // InstructGPT Table 1
    public const double Classification = 0.035;  // InstructGPT Table 1
    public const double Other = 0.035;           // InstructGPT Table 1
    public const double ClosedQa = 0.026;        // InstructGPT Table 1
    public const double Extract = 0.019;         // InstructGPT Table 1

    /// <summary>Table 1 in its own order. Its shares add up to 99.9% (rounding in the paper); apportioning normalises.</summary>
    public static IReadOnlyList<(TaskCategory Category, double Share)> Table1 { get; } =
    [
        (TaskCategory.Generation, Generation),
        (TaskCategory.OpenQa, OpenQa),
        (TaskCategory.Brainstorming, Brainstorming),
        (TaskCategory.Chat, Chat),
        (TaskCategory.Rewrite, Rewrite),
        (TaskCategory.Summarization, Summarization),
        (TaskCategory.Classification, Classification),
        (TaskCategory.Other, Other),
        (TaskCategory.ClosedQa, ClosedQa),
        (TaskCategory.Extract, Extract),
    ];

    public static double ShareOf(TaskCategory category) =>
        Table1.First(t => t.Category == category).Share / Table1.Sum(t => t.Share);

    /// <summary>
    /// How many of <paramref name="total"/> prompts each category gets (Hamilton's largest-remainder method), among
    /// all of Table 1 or only the categories <paramref name="among"/> admits, in their Table 1 proportions.
    /// </summary>
    public static IReadOnlyDictionary<TaskCategory, int> Apportion(int total, Func<TaskCategory, bool>? among = null)
    {
        var rows = Table1.Where(t => among?.Invoke(t.Category) ?? true).ToArray();
        var sum = rows.Sum(t => t.Share);
        var quotas = rows.Select(t => (t.Category, Exact: total * t.Share / sum)).ToArray();
        var counts = quotas.ToDictionary(q => q.Category, q => (int)Math.Floor(q.Exact));
        var left = total - counts.Values.Sum();
        foreach (var (category, _) in quotas.OrderByDescending(q => q.Exact - Math.Floor(q.Exact)).ThenBy(q => q.Category).Take(left))
        {
            counts[category]++;
        }
        return counts;
    }

    /// <summary>The categories of <paramref name="total"/> prompts in random order, each exactly its apportioned number of times.</summary>
    public static IReadOnlyList<TaskCategory> Sequence(int total, WorldRandom random, Func<TaskCategory, bool>? among = null)
    {
        var sequence = Apportion(total, among).OrderBy(c => c.Key).SelectMany(c => Enumerable.Repeat(c.Key, c.Value)).ToList();
        random.Shuffle(sequence);
        return sequence;
    }
}
