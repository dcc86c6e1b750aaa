
using InstructGpt.Tasks.StableRandom;

namespace InstructGpt.Tasks.Tests.StableRandom;

public class SplitMix64Tests
{
    [Fact]
    public void MatchesTheReferenceSequence()
    {
        // The first outputs of Vigna's splitmix64.c seeded with 1234567.
        var random = new SplitMix64(1234567);

        Assert.Equal(6457827717110365317UL, random.NextUInt64());
        Assert.Equal(3203168211198807973UL, random.NextUInt64());
        Assert.Equal(9817491932198370423UL, random.NextUInt64());
        Assert.Equal(4593380528125082431UL, random.NextUInt64());
        Assert.Equal(16408922859458223821UL, random.NextUInt64());
    }

    [Fact]
    public void IntegersFallInRangeAndCoverItEvenly()
    {
        var random = new SplitMix64(99);
        var counts = new int[6];
        for (var i = 0; i < 60_000; i++)
            counts[random.NextInt(6)]++;

        // Each face expects 10,000; the binomial standard deviation is about 91, so ±500 fails only for a real bias.
        Assert.All(counts, count => Assert.InRange(count, 9_500, 10_500));
    }

    [Fact]
    public void DoublesLieInTheUnitInterval()
    {
        var random = new SplitMix64(5);
        for (var i = 0; i < 10_000; i++)
            Assert.InRange(random.NextDouble(), 0.0, 0.9999999999999999);
    }

    [Fact]
    public void ABoundBelowOneIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SplitMix64(1).NextInt(0));
    }
}
