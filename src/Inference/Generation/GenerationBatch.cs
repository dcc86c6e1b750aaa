using InstructGpt.Inference.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Generation;

/// <summary>
/// The one generation loop of the project: rows decoded together over one KV cache. Every caller runs the same
/// mechanics here (join prefilled prompts, sample every row with <see cref="TokenSampler"/>, hand each row its token,
/// drop the rows that finished, decode the next tokens) and keeps only its own policy:
/// <list type="bullet">
/// <item><see cref="CompletionGenerator"/> joins all rows once and steps until none is left.</item>
/// <item><see cref="Serving.ContinuousBatchScheduler"/> joins requests between steps into a shared cache
/// (<see cref="GenerationBatchOptions.SharedCapacity"/>) and does its streaming and metrics between
/// <see cref="Sample"/> and <see cref="Advance"/>.</item>
/// <item>PPO's rollout keeps finished rows, fed padding (<see cref="GenerationBatchOptions.KeepFinishedRows"/>).</item>
/// </list>
/// Used by one thread at a time.
/// </summary>
public sealed class GenerationBatch<TRow>(GptLanguageModel model, GenerationBatchOptions? options = null) : IDisposable where TRow : IDecodingRow
{
    // Compacting copies the cache, so it waits until at least this many columns are wasted (and half the cache).
    private const int MinWastedColumnsToCompact = 32;

    private readonly GenerationBatchOptions options = options ?? new GenerationBatchOptions();
    private readonly Device device = model.transformer.wte.weight!.device;
    private readonly List<TRow> rows = [];
    private readonly List<int> cachedLengths = []; // real (non-padding) columns each row holds, for compaction
    private const long Leaves = -1;

    private long[]? next; // from the last Sample: each row's token to decode, or Leaves
    private KvCache? cache;
    private Tensor? logits;

    public IReadOnlyList<TRow> Rows => rows;
    public int Count => rows.Count;

    /// <summary>
    /// Adds prefilled rows. <paramref name="promptOfRow"/> says which prompt of <paramref name="prefilled"/> each row
    /// continues (a prompt's n samples share one prefill); null when row i continues prompt i. Without a shared
    /// capacity the batch takes the prefill's cache over and cannot be joined again.
    /// </summary>
    public void Join(PrefilledPrompts prefilled, IReadOnlyList<TRow> joining, IReadOnlyList<int>? promptOfRow = null)
    {
        var count = promptOfRow?.Count ?? prefilled.Prompts.Count;
        if (joining.Count != count) throw new ArgumentException($"{joining.Count} rows for {count} prefilled rows", nameof(joining));
        using var scope = torch.NewDisposeScope();
        var rowLogits = prefilled.Logits;
        if (promptOfRow is not null)
        {
            var index = torch.tensor(promptOfRow.Select(p => (long)p).ToArray(), device: device);
            prefilled.Cache.SelectRows(index);
            rowLogits = rowLogits.index_select(0, index);
        }
        if (options.SharedCapacity is { } capacity)
        {
            var current = cache ?? new KvCache(model.Config, 0, 1, device, model.transformer.wte.weight!.dtype);
            var joined = KvCache.Concat(current, prefilled.Cache, capacity);
            current.Dispose();
            cache = joined;
            var all = logits is null ? rowLogits.clone() : torch.cat([logits, rowLogits], 0);
            logits?.Dispose();
            logits = all.DetachFromDisposeScope();
        }
        else
        {
            if (cache is not null) throw new InvalidOperationException("a batch without a shared capacity is joined once");
            cache = prefilled.Cache;
            logits = promptOfRow is null ? prefilled.Logits : rowLogits.DetachFromDisposeScope();
            if (promptOfRow is not null) prefilled.Logits.Dispose();
            prefilled.Adopted = true;
        }
        rows.AddRange(joining);
        for (var k = 0; k < count; k++) cachedLengths.Add(prefilled.Prompts[promptOfRow?[k] ?? k].Length);
        next = null;
    }

    /// <summary>
    /// Samples every row's next token and hands it to each row that has not finished. Returns the rows that took a
    /// token, in batch order. <paramref name="logprobs"/> is <see cref="TokenSampler.Sample"/>'s.
    /// </summary>
    public IReadOnlyList<TRow> Sample(int? logprobs)
    {
        if (logits is null) throw new InvalidOperationException("the batch is empty");
        var sampled = TokenSampler.Sample(logits, rows.Select(r => r.Sampling).ToList(), logprobs);
        next = new long[rows.Count];
        var appended = new List<TRow>(rows.Count);
        for (var k = 0; k < rows.Count; k++)
        {
            var row = rows[k];
            // Whether a row goes on is decided here, once: a request cancelled later in the step leaves at the next one.
            if (row.Finished) // ended before this step, or its request went away: no token
            {
                next[k] = options.KeepFinishedRows ? options.FinishedRowToken : Leaves;
                continue;
            }
            row.Append((int)sampled.Tokens[k], sampled.Logprobs?[k] ?? double.NaN, sampled.Top?[k]);
            appended.Add(row);
            // A row that has just ended is still fed its last token when finished rows stay (as PPO's rollout always did).
            next[k] = !row.Finished || options.KeepFinishedRows ? sampled.Tokens[k] : Leaves;
        }
        return appended;
    }

    /// <summary>
    /// After <see cref="Sample"/>: drops the rows that finished (unless they stay), makes room in a shared cache, and
    /// decodes the next token of every row left. Returns whether the shared cache was compacted. Decodes nothing when
    /// no row goes on.
    /// </summary>
    public bool Advance()
    {
        var tokens = next ?? throw new InvalidOperationException("Advance follows Sample");
        next = null;
        if (options.KeepFinishedRows)
        {
            if (rows.All(r => r.Finished)) return false;
            Decode(tokens);
            return false;
        }
        var keep = Enumerable.Range(0, rows.Count).Where(k => tokens[k] != Leaves).ToList();
        if (keep.Count == 0)
        {
            Clear();
            return false;
        }
        if (keep.Count < rows.Count) Keep(keep);
        var compacted = options.SharedCapacity is not null && EnsureRoom();
        Decode(keep.Select(k => tokens[k]).ToArray());
        return compacted;
    }

    /// <summary><see cref="Sample"/> and <see cref="Advance"/>; returns whether any row goes on.</summary>
    public bool Step(int? logprobs)
    {
        Sample(logprobs);
        Advance();
        return options.KeepFinishedRows ? rows.Any(r => !r.Finished) : rows.Count > 0;
    }

    /// <summary>Keeps only the given rows, in order.</summary>
    private void Keep(List<int> keep)
    {
        using var scope = torch.NewDisposeScope();
        cache!.SelectRows(torch.tensor(keep.Select(k => (long)k).ToArray(), device: device));
        var keptRows = keep.Select(k => rows[k]).ToList();
        var keptLengths = keep.Select(k => cachedLengths[k]).ToList();
        rows.Clear();
        rows.AddRange(keptRows);
        cachedLengths.Clear();
        cachedLengths.AddRange(keptLengths);
    }

    /// <summary>
    /// Makes room for the next column: compacts when the write position has reached the capacity, or when rows that
    /// held the early columns have left and more than half the attended columns are padding.
    /// </summary>
    private bool EnsureRoom()
    {
        var wasted = cache!.Length - cachedLengths.Max();
        var full = cache.Length >= cache.Capacity;
        if (!full && (wasted < MinWastedColumnsToCompact || wasted * 2 < cache.Length)) return false;
        cache.Compact();
        return true;
    }

    /// <summary>Feeds one token per row and keeps the logits for the next sample.</summary>
    private void Decode(long[] tokens)
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var input = torch.tensor(tokens, new long[] { tokens.Length, 1 }, device: device);
        var nextLogits = model.LastLogits(input, null, cache);
        logits?.Dispose();
        logits = nextLogits.DetachFromDisposeScope();
        for (var k = 0; k < cachedLengths.Count; k++) cachedLengths[k]++;
    }

    /// <summary>Drops every row and frees the cache.</summary>
    public void Clear()
    {
        cache?.Dispose();
        cache = null;
        logits?.Dispose();
        logits = null;
        rows.Clear();
        cachedLengths.Clear();
        next = null;
    }

    public void Dispose() => Clear();
}
