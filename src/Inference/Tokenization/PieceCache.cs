using System.Collections.Concurrent;

namespace InstructGpt.Inference.Tokenization;

/// <summary>
/// Remembers the token ids of pre-token pieces already encoded. Natural text repeats a small set of words, so most
/// pieces are found here and skip BPE entirely (encoder.py keeps the same kind of cache). Safe to use from several
/// threads at once.
/// </summary>
/// <remarks>
/// The bound is kept by emptying the cache when it fills up rather than by evicting the least recently used entry:
/// that needs no bookkeeping on the hot path, and the pieces the current text uses come back within a few lines.
/// </remarks>
internal sealed class PieceCache
{
    private readonly ConcurrentDictionary<string, int[]> idsOfPiece = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> bySpan;
    private readonly int capacity;
    private int count; // ConcurrentDictionary.Count takes every lock, so the size is tracked here

    public PieceCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        this.capacity = capacity;
        bySpan = idsOfPiece.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>How many pieces are cached. Takes every lock of the dictionary: for tests, not for the hot path.</summary>
    public int Count => idsOfPiece.Count;

    public bool TryGet(ReadOnlySpan<char> piece, out int[] ids) => bySpan.TryGetValue(piece, out ids!);

    public void Add(ReadOnlySpan<char> piece, int[] ids)
    {
        if (Volatile.Read(ref count) >= capacity)
        {
            idsOfPiece.Clear();
            Volatile.Write(ref count, 0);
        }
        if (bySpan.TryAdd(piece, ids))
        {
            Interlocked.Increment(ref count);
        }
    }
}
