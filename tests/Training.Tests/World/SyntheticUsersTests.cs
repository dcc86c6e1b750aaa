using InstructGpt.Training.World;

namespace InstructGpt.Training.Tests.World;

public class SyntheticUsersTests
{
    private static readonly Dictionary<WorldSplit, int> Targets = new()
    {
        [WorldSplit.Train] = 3080, [WorldSplit.Valid] = 1430, [WorldSplit.Test] = 400,
    };

    [Fact]
    public void UsersFillEverySplitExactlyWithAtMost200PromptsEach()
    {
        var users = SyntheticUsers.Allocate(Targets, new WorldRandom(1));
        foreach (var (split, target) in Targets)
        {
            Assert.Equal(target, users.Where(u => u.Split == split).Sum(u => u.Prompts));
        }
        Assert.All(users, u => Assert.InRange(u.Prompts, 1, SyntheticUsers.MaxPromptsPerUser));
        Assert.Equal(users.Count, users.Select(u => u.Id).Distinct().Count());
    }

    [Fact]
    public void MostUsersWriteAFewPromptsAndAFewWriteMany()
    {
        var users = SyntheticUsers.Allocate(new Dictionary<WorldSplit, int> { [WorldSplit.Train] = 100_000 }, new WorldRandom(3));
        var median = users.Select(u => u.Prompts).Order().ElementAt(users.Count / 2);
        Assert.InRange(median, 5, 30);
        Assert.Contains(users, u => u.Prompts > 150);
    }

    [Fact]
    public void TheSameSeedGivesTheSameUsers() =>
        Assert.Equal(SyntheticUsers.Allocate(Targets, new WorldRandom(9)), SyntheticUsers.Allocate(Targets, new WorldRandom(9)));
}
