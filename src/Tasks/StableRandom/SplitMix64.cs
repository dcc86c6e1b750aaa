namespace InstructGpt.Tasks.StableRandom;

/// <summary>
/// Steele, Lea and Flood's SplitMix64 generator (OOPSLA 2014; Vigna's reference splitmix64.c). Our own fixed
/// algorithm rather than System.Random, whose sequence for a seed is not promised across .NET versions: a
/// bootstrap interval stored in the database must come out the same when the report is rebuilt next year.
/// </summary>
public sealed class SplitMix64
{
    private const ulong GoldenGamma = 0x9E3779B97F4A7C15;
    private ulong current;

    public SplitMix64(ulong seed) => current = seed;

    public ulong NextUInt64() => Next(ref current);

    /// <summary>One step on a caller's own state: how other generators (the world's xoshiro256**, the labeler's noise) seed themselves.</summary>
    public static ulong Next(ref ulong state)
    {
        state += GoldenGamma;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform integer in [0, bound), without modulo bias (Lemire 2019, "Fast random integer generation in an interval").</summary>
    public int NextInt(int bound)
    {
        if (bound <= 0)
            throw new ArgumentOutOfRangeException(nameof(bound), bound, "The bound must be positive.");
        var range = (ulong)bound;
        UInt128 product = (UInt128)NextUInt64() * range;
        var low = (ulong)product;
        if (low < range)
        {
            var threshold = (0 - range) % range;
            while (low < threshold)
            {
                product = (UInt128)NextUInt64() * range;
                low = (ulong)product;
            }
        }
        return (int)(product >> 64);
    }

    /// <summary>A uniform double in [0, 1) from the top 53 bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));
}
