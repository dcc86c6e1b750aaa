using InstructGpt.Inference.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Serving;

/// <summary>
/// The running batch of a scheduler: one row per sequence, one shared KV cache, and the logits each row
/// samples its next token from. Rows join with their prefilled cache (<see cref="KvCache.Concat"/>) and
/// leave with <see cref="KvCache.SelectRows"/>; padding is squeezed out with <see cref="KvCache.Compact"/>.
/// Used by the decode thread only.
/// </summary>
internal sealed class DecodeBatch(GptConfig config, Device device, ScalarType dtype) : IDisposable
{
    // Compacting copies the cache, so it waits until at least this many columns are wasted (and half the cache).
    private const int MinWastedColumnsToCompact = 32;

    private KvCache? cache;

    public List<ScheduledSequence> Sequences { get; } = [];
    public Tensor? Logits { get; private set; }
    public int Count => Sequences.Count;
    public KvCache Cache => cache ?? throw new InvalidOperationException("the batch is empty");

    /// <summary>Capacity of the shared cache: the model's whole context, so any admitted sequence fits after compaction.</summary>
    public long Capacity => config.NPositions;

    /// <summary>Adds prefilled rows: their cache, the logits of their last prompt token, and their sequences, in the same order.</summary>
    public void Join(KvCache prefilled, Tensor logits, IReadOnlyList<ScheduledSequence> sequences)
    {
        using var scope = torch.NewDisposeScope();
        var current = cache ?? new KvCache(config, 0, 1, device, dtype);
        var joined = KvCache.Concat(current, prefilled, Capacity);
        current.Dispose();
        cache = joined;
        var all = Logits is null ? logits.clone() : torch.cat([Logits, logits], 0);
        Logits?.Dispose();
        Logits = all.DetachFromDisposeScope();
        Sequences.AddRange(sequences);
    }

    /// <summary>Keeps only the given rows, in order (the others finished or were cancelled).</summary>
    public void Keep(IReadOnlyList<int> rows)
    {
        if (rows.Count == Sequences.Count) return;
        if (rows.Count == 0)
        {
            Clear();
            return;
        }
        using var scope = torch.NewDisposeScope();
        Cache.SelectRows(torch.tensor(rows.Select(r => (long)r).ToArray(), device: device));
        var kept = rows.Select(r => Sequences[r]).ToList();
        Sequences.Clear();
        Sequences.AddRange(kept);
    }

    /// <summary>
    /// Makes room for the next column: compacts when the write position has reached the capacity, or when
    /// rows that held the early columns have left and more than half the attended columns are padding.
    /// Returns whether it compacted.
    /// </summary>
    public bool EnsureRoom()
    {
        var longest = Sequences.Max(s => s.CachedLength);
        var wasted = Cache.Length - longest;
        var full = Cache.Length >= Cache.Capacity;
        if (!full && (wasted < MinWastedColumnsToCompact || wasted * 2 < Cache.Length)) return false;
        Cache.Compact();
        return true;
    }

    /// <summary>Feeds one token per row and keeps the logits for the next sample.</summary>
    public void Decode(GptLanguageModel model, long[] tokens)
    {
        using var scope = torch.NewDisposeScope();
        var next = torch.tensor(tokens, new long[] { tokens.Length, 1 }, device: device);
        var logits = model.LastLogits(next, null, Cache);
        Logits?.Dispose();
        Logits = logits.DetachFromDisposeScope();
        foreach (var s in Sequences) s.CachedLength++;
    }

    public void Clear()
    {
        cache?.Dispose();
        cache = null;
        Logits?.Dispose();
        Logits = null;
        Sequences.Clear();
    }

    public void Dispose() => Clear();
}
