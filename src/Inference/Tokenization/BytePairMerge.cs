using System.Buffers;
using System.Runtime.CompilerServices;

namespace InstructGpt.Inference.Tokenization;

/// <summary>
/// Applies ranked merges to the tokens of one pre-token piece, with GPT-2's semantics (<c>Encoder.bpe</c> in
/// openai/gpt-2 src/encoder.py): find the adjacent pair with the lowest rank, merge every occurrence of it left to
/// right, and repeat until no adjacent pair has a rank.
/// </summary>
/// <remarks>
/// encoder.py rescans the whole piece after every merge, which is quadratic in its length; a long run of spaces or a
/// minified line would stall. Here the pieces' symbols form a linked list and the candidate pairs sit in a min-heap
/// keyed by (rank, position), so a piece of n bytes costs O(n log n). All the heap's entries of the lowest rank are
/// taken out before any of them is merged: a merge can create a pair of lower rank, and GPT-2 still merges the
/// remaining occurrences of the current pair first.
/// </remarks>
internal static class BytePairMerge
{
    private const int StackLimit = 128; // symbols; beyond this the scratch space comes from the array pool

    /// <summary>Merges <paramref name="symbols"/> in place and returns how many remain at its start.</summary>
    // Optimized from the first call: a long piece can arrive before tiered compilation has replaced the slow first code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Apply(Span<int> symbols, MergeTable merges)
    {
        var n = symbols.Length;
        if (n < 2)
        {
            return n;
        }

        // Every entry is an adjacent pair at the time it was pushed: n - 1 at the start, at most two per merge after.
        var heapCapacity = 3 * n;
        int[]? rentedLinks = null;
        long[]? rentedEntries = null;
        Span<int> links = n <= StackLimit ? stackalloc int[2 * n] : (rentedLinks = ArrayPool<int>.Shared.Rent(2 * n));
        Span<long> entries = n <= StackLimit ? stackalloc long[2 * heapCapacity] : (rentedEntries = ArrayPool<long>.Shared.Rent(2 * heapCapacity));
        try
        {
            var piece = new LinkedSymbols(symbols, links[..n], links[n..(2 * n)]);
            var heap = new MinHeap(entries[..heapCapacity]);
            Span<long> sameRank = entries[heapCapacity..(2 * heapCapacity)];

            for (var i = 0; i + 1 < n; i++)
            {
                PushPair(ref heap, piece, i, merges);
            }

            while (heap.Count > 0)
            {
                var rank = RankOf(heap.Peek());
                var taken = 0;
                while (heap.Count > 0 && RankOf(heap.Peek()) == rank)
                {
                    sameRank[taken++] = heap.Pop();
                }
                foreach (var entry in sameRank[..taken])
                {
                    var position = PositionOf(entry);
                    if (StillHasPair(piece, position, rank, merges))
                    {
                        piece.MergeWithNext(position, merges.MergedId(rank));
                        PushPair(ref heap, piece, piece.Previous(position), merges);
                        PushPair(ref heap, piece, position, merges);
                    }
                }
            }
            return piece.CompactInto(symbols);
        }
        finally
        {
            if (rentedLinks is not null) ArrayPool<int>.Shared.Return(rentedLinks);
            if (rentedEntries is not null) ArrayPool<long>.Shared.Return(rentedEntries);
        }
    }

    private static void PushPair(ref MinHeap heap, LinkedSymbols piece, int position, MergeTable merges)
    {
        if (position < 0)
        {
            return;
        }
        var next = piece.Next(position);
        if (next >= 0 && merges.TryGetRank(piece.Symbol(position), piece.Symbol(next), out var rank))
        {
            heap.Push(((long)rank << 32) | (uint)position);
        }
    }

    // An entry goes stale when its left symbol is merged away or either symbol changes; positions never move.
    private static bool StillHasPair(LinkedSymbols piece, int position, int rank, MergeTable merges)
    {
        if (!piece.IsAlive(position))
        {
            return false;
        }
        var next = piece.Next(position);
        return next >= 0 && merges.TryGetRank(piece.Symbol(position), piece.Symbol(next), out var current) && current == rank;
    }

    private static int RankOf(long entry) => (int)(entry >> 32);

    private static int PositionOf(long entry) => (int)(uint)entry;

    /// <summary>The symbols of a piece as a doubly linked list over their original positions.</summary>
    private readonly ref struct LinkedSymbols
    {
        private const int Removed = -2;
        private readonly Span<int> symbols;
        private readonly Span<int> next;
        private readonly Span<int> previous;

        public LinkedSymbols(Span<int> symbols, Span<int> next, Span<int> previous)
        {
            this.symbols = symbols;
            this.next = next;
            this.previous = previous;
            for (var i = 0; i < symbols.Length; i++)
            {
                next[i] = i + 1 < symbols.Length ? i + 1 : -1;
                previous[i] = i - 1;
            }
        }

        public int Symbol(int position) => symbols[position];

        public int Next(int position) => next[position];

        public int Previous(int position) => previous[position];

        public bool IsAlive(int position) => symbols[position] != Removed;

        public void MergeWithNext(int position, int mergedId)
        {
            var absorbed = next[position];
            symbols[position] = mergedId;
            next[position] = next[absorbed];
            if (next[absorbed] >= 0)
            {
                previous[next[absorbed]] = position;
            }
            symbols[absorbed] = Removed;
        }

        /// <summary>Moves the surviving symbols, in order, to the start of <paramref name="destination"/>.</summary>
        public int CompactInto(Span<int> destination)
        {
            var count = 0;
            for (var position = 0; position >= 0; position = next[position])
            {
                destination[count++] = symbols[position];
            }
            return count;
        }
    }

    /// <summary>A binary min-heap of longs in caller-provided storage.</summary>
    private ref struct MinHeap(Span<long> storage)
    {
        private readonly Span<long> items = storage;

        public int Count { get; private set; }

        public readonly long Peek() => items[0];

        public void Push(long item)
        {
            var i = Count++;
            while (i > 0)
            {
                var parent = (i - 1) / 2;
                if (items[parent] <= item)
                {
                    break;
                }
                items[i] = items[parent];
                i = parent;
            }
            items[i] = item;
        }

        public long Pop()
        {
            var top = items[0];
            var last = items[--Count];
            var i = 0;
            while (true)
            {
                var child = 2 * i + 1;
                if (child >= Count)
                {
                    break;
                }
                if (child + 1 < Count && items[child + 1] < items[child])
                {
                    child++;
                }
                if (last <= items[child])
                {
                    break;
                }
                items[i] = items[child];
                i = child;
            }
            if (Count > 0)
            {
                items[i] = last;
            }
            return top;
        }
    }
}
