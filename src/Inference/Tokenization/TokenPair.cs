namespace InstructGpt.Inference.Tokenization;

/// <summary>
/// Two adjacent token ids packed into one long, the key of the merge and pair-count tables.
/// </summary>
/// <remarks>
/// long's own hash code is the XOR of its halves, here left ^ right: ids below 65,536 then crowd into a few thousand
/// buckets (in GPT-2's merge table, chains dozens long), which made BPE ten times slower. <see cref="Comparer"/>
/// mixes all 64 bits instead.
/// </remarks>
internal static class TokenPair
{
    public static long Key(int left, int right) => ((long)left << 32) | (uint)right;

    public static int Left(long key) => (int)(key >> 32);

    public static int Right(long key) => (int)key;

    public static IEqualityComparer<long> Comparer { get; } = new FibonacciHashComparer();

    private sealed class FibonacciHashComparer : IEqualityComparer<long>
    {
        public bool Equals(long x, long y) => x == y;

        // Multiplying by 2^64 / φ spreads every input bit over the high bits (Knuth, TAOCP vol. 3, §6.4).
        public int GetHashCode(long key) => (int)((ulong)key * 0x9E3779B97F4A7C15UL >> 32);
    }
}
