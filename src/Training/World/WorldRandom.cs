
using InstructGpt.Tasks.StableRandom;

namespace InstructGpt.Training.World;

/// <summary>
/// The world's pseudo-random numbers: xoshiro256** (Blackman and Vigna, 2018) seeded through SplitMix64, written
/// out here because System.Random's algorithm is unspecified and may change between .NET versions, and the
/// same seed must give byte-identical datasets on every machine and runtime. Each part of the world draws from
/// its own stream (<see cref="ForStream"/>), so changing one part does not reshuffle the others.
/// </summary>
public sealed class WorldRandom
{
    private ulong s0, s1, s2, s3;

    public WorldRandom(ulong seed)
    {
        var x = seed;
        s0 = SplitMix64.Next(ref x);
        s1 = SplitMix64.Next(ref x);
        s2 = SplitMix64.Next(ref x);
        s3 = SplitMix64.Next(ref x);
    }

    /// <summary>An independent stream for one named part of the world.</summary>
    public static WorldRandom ForStream(ulong seed, string stream) => new(seed ^ Fnv1a64(stream));

    public ulong NextUInt64()
    {
        var result = StableHash.RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = StableHash.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, <paramref name="count"/>), without modulo bias (Lemire's method).</summary>
    public int Next(int count)
    {
        if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), count, "must be positive");
        var bound = (ulong)count;
        var threshold = (0 - bound) % bound;
        while (true)
        {
            var product = Math.BigMul(NextUInt64(), bound, out var low);
            if (low >= threshold) return (int)product;
        }
    }

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="max"/>] inclusive.</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>An index drawn with probability proportional to its weight.</summary>
    public int PickIndex(IReadOnlyList<double> weights)
    {
        var u = NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Count; i++)
        {
            u -= weights[i];
            if (u < 0) return i;
        }
        return weights.Count - 1;
    }

    /// <summary><paramref name="count"/> distinct items in random order.</summary>
    public IReadOnlyList<T> Sample<T>(IReadOnlyList<T> items, int count)
    {
        var indices = Enumerable.Range(0, items.Count).ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = i + Next(indices.Length - i);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }
        return indices.Take(count).Select(i => items[i]).ToArray();
    }

    /// <summary>Fisher-Yates, in place.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>FNV-1a over UTF-8 (<see cref="StableHash"/>): a stable string hash for stream names.</summary>
    public static ulong Fnv1a64(string text) => StableHash.Fnv1a64(text);
}
