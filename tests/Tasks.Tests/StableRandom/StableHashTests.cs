
using InstructGpt.Tasks.StableRandom;

namespace InstructGpt.Tasks.Tests.StableRandom;

public sealed class StableHashTests
{
    /// <summary>FNV-1a 64-bit test vectors from the FNV reference (Fowler, Noll, Vo; draft-eastlake-fnv, test suite).</summary>
    [Theory]
    [InlineData("", 0xCBF29CE484222325UL)]
    [InlineData("a", 0xAF63DC4C8601EC8CUL)]
    [InlineData("foobar", 0x85944171F73967E8UL)]
    public void Fnv1a64MatchesThePublishedVectors(string text, ulong expected) => Assert.Equal(expected, StableHash.Fnv1a64(text));

    [Fact]
    public void OneStepOnACallersStateIsTheGeneratorsStep()
    {
        var generator = new SplitMix64(42);
        var state = 42UL;
        for (var i = 0; i < 5; i++) Assert.Equal(generator.NextUInt64(), SplitMix64.Next(ref state));
    }
}
