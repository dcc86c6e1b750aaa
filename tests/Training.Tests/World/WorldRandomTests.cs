using InstructGpt.Training.World;

namespace InstructGpt.Training.Tests.World;

public class WorldRandomTests
{
    /// <summary>xoshiro256** seeded by SplitMix64(0): the reference implementation's first outputs.</summary>
    [Fact]
    public void MatchesTheReferenceXoshiro256starstarSequence()
    {
        var random = new WorldRandom(0);
        Assert.Equal(0x99EC5F36CB75F2B4UL, random.NextUInt64());
        Assert.Equal(0xBF6E1F784956452AUL, random.NextUInt64());
    }

    [Fact]
    public void NextStaysInRangeAndCoversIt()
    {
        var random = new WorldRandom(5);
        var seen = new int[7];
        for (var i = 0; i < 7000; i++) seen[random.Next(7)]++;
        Assert.All(seen, count => Assert.InRange(count, 850, 1150));
    }

    [Fact]
    public void NamedStreamsAreIndependentAndReproducible()
    {
        Assert.Equal(WorldRandom.ForStream(1, "users").NextUInt64(), WorldRandom.ForStream(1, "users").NextUInt64());
        Assert.NotEqual(WorldRandom.ForStream(1, "users").NextUInt64(), WorldRandom.ForStream(1, "prompts").NextUInt64());
    }

    [Fact]
    public void SampleDrawsDistinctItems()
    {
        var sample = new WorldRandom(2).Sample(Enumerable.Range(0, 10).ToArray(), 10);
        Assert.Equal(Enumerable.Range(0, 10), sample.Order());
    }

    [Fact]
    public void Fnv1aIsThePublishedFunction() =>
        Assert.Equal(0xCBF29CE484222325UL, WorldRandom.Fnv1a64(""));
}
