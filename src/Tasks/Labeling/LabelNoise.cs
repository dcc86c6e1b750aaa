
using InstructGpt.Tasks.StableRandom;

namespace InstructGpt.Tasks.Labeling;

/// <summary>
/// A labeler's judgment noise: a standard normal draw fixed by (labeler seed, prompt, output), so one labeler
/// always judges the same output the same way while two labelers with different seeds disagree. Hash-based and
/// written out (FNV-1a, SplitMix64, Box-Muller) so it is the same on every machine and .NET version.
/// </summary>
internal static class LabelNoise
{
    public static double StandardNormal(long seed, string prompt, string output)
    {
        var state = StableHash.Fnv1a64(prompt) ^ StableHash.RotateLeft(StableHash.Fnv1a64(output), 29) ^ (ulong)seed * 0x9E3779B97F4A7C15UL;
        var u1 = ToUnitInterval(SplitMix64.Next(ref state));
        var u2 = ToUnitInterval(SplitMix64.Next(ref state));
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Uniform in (0, 1]: never 0, so the logarithm above is finite.</summary>
    private static double ToUnitInterval(ulong bits) => ((bits >> 11) + 1) * (1.0 / (1UL << 53));
}
