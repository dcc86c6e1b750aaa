using InstructGpt.Inference.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Model;

/// <summary>
/// Keys and values of every layer for a batch of sequences, preallocated to a capacity so that each
/// decode step writes one column instead of concatenating (which would copy the whole cache per token).
/// All rows share a write position <see cref="Length"/>; <see cref="KeyMask"/> marks which columns hold
/// real tokens for each row, so left padding (and rows that joined later) are never attended to.
/// </summary>
public sealed class KvCache : IDisposable
{
    private readonly Tensor[] keys;
    private readonly Tensor[] values;

    public KvCache(GptConfig config, long batch, long capacity, Device device, ScalarType dtype)
    {
        if (capacity > config.NPositions)
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, $"the cache cannot exceed the model's context of {config.NPositions} positions");
        Batch = batch;
        Capacity = capacity;
        keys = new Tensor[config.NLayer];
        values = new Tensor[config.NLayer];
        for (var i = 0; i < config.NLayer; i++)
        {
            keys[i] = torch.zeros(new[] { batch, config.NHead, capacity, config.HeadSize }, dtype: dtype, device: device).DetachFromDisposeScope();
            values[i] = torch.zeros(new[] { batch, config.NHead, capacity, config.HeadSize }, dtype: dtype, device: device).DetachFromDisposeScope();
        }
        KeyMask = torch.zeros(new[] { batch, capacity }, dtype: ScalarType.Bool, device: device).DetachFromDisposeScope();
    }

    private KvCache(Tensor[] keys, Tensor[] values, Tensor keyMask, long length)
    {
        this.keys = keys;
        this.values = values;
        KeyMask = keyMask;
        Batch = keyMask.size(0);
        Capacity = keyMask.size(1);
        Length = length;
    }

    public long Batch { get; private set; }
    public long Capacity { get; }

    /// <summary>Number of columns written so far (the same for every row).</summary>
    public long Length { get; private set; }

    /// <summary>[batch, capacity]: true where a row's column holds a real (non-padding) token.</summary>
    public Tensor KeyMask { get; private set; }

    /// <summary>
    /// Whether every written column of every row is a real token (no padding): then a forward pass over the cache
    /// needs no attention mask. False once padded columns are written, rows of different lengths are joined, or the
    /// cache is compacted; conservative, never wrong.
    /// </summary>
    public bool IsDense { get; private set; } = true;

    /// <summary>
    /// Records which of the next columns are real tokens (null: all of them); call once per forward, before the layers
    /// write.
    /// </summary>
    internal void AppendMask(Tensor? attentionMask, long steps)
    {
        if (Length + steps > Capacity)
            throw new InvalidOperationException($"the KV cache holds {Capacity} positions; {Length} are used and {steps} more were requested");
        using var scope = torch.NewDisposeScope();
        var columns = KeyMask.narrow(1, Length, steps);
        if (attentionMask is null)
        {
            columns.fill_(true);
            return;
        }
        var real = attentionMask.@bool();
        columns.copy_(real);
        if (IsDense && !real.all().ToBoolean()) IsDense = false;
    }

    /// <summary>Writes this step's keys and values for one layer; returns views over everything cached so far.</summary>
    internal (Tensor keys, Tensor values) Write(int layer, Tensor k, Tensor v)
    {
        var steps = k.size(2);
        var end = Length + steps;
        using (var kSlot = keys[layer].narrow(2, Length, steps)) kSlot.copy_(k);
        using (var vSlot = values[layer].narrow(2, Length, steps)) vSlot.copy_(v);
        return (keys[layer].narrow(2, 0, end), values[layer].narrow(2, 0, end));
    }

    /// <summary>Moves the write position after all layers have written a step.</summary>
    internal void Advance(long steps) => Length += steps;

    /// <summary>Keeps only the given rows (sequences that finished are dropped), in the given order.</summary>
    public void SelectRows(Tensor rowIndices)
    {
        using var scope = torch.NewDisposeScope();
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = Replace(keys[i], keys[i].index_select(0, rowIndices));
            values[i] = Replace(values[i], values[i].index_select(0, rowIndices));
        }
        KeyMask = Replace(KeyMask, KeyMask.index_select(0, rowIndices));
        Batch = rowIndices.size(0);
    }

    /// <summary>
    /// A new cache with the rows of <paramref name="first"/> followed by those of <paramref name="second"/>, used
    /// when sequences join a running batch (continuous batching). The shorter cache is right-aligned: its columns
    /// move right so both end at the same write position, and the columns before them are padding (false in
    /// <see cref="KeyMask"/>). Attention does not depend on a key's column, only on whether it is real and
    /// causally before the query, and position ids are counted from the mask, so every row computes exactly
    /// what it would alone. Neither input is changed or disposed.
    /// </summary>
    public static KvCache Concat(KvCache first, KvCache second, long capacity)
    {
        if (first.keys.Length != second.keys.Length)
            throw new ArgumentException($"the caches belong to different models ({first.keys.Length} and {second.keys.Length} layers)", nameof(second));
        var length = Math.Max(first.Length, second.Length);
        if (length > capacity)
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, $"the joined cache needs at least {length} columns");
        var rows = first.Batch + second.Batch;
        var keys = new Tensor[first.keys.Length];
        var values = new Tensor[first.keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = Stack(first.keys[i], first, second.keys[i], second, rows, capacity, length);
            values[i] = Stack(first.values[i], first, second.values[i], second, rows, capacity, length);
        }
        var mask = torch.zeros(new[] { rows, capacity }, dtype: ScalarType.Bool, device: first.KeyMask.device).DetachFromDisposeScope();
        CopyRightAligned(first.KeyMask, first, mask, 0, length, dim: 1);
        CopyRightAligned(second.KeyMask, second, mask, first.Batch, length, dim: 1);
        // Rows shorter than the joined length are right-aligned behind padding.
        var dense = (first.Batch == 0 || first.IsDense && first.Length == length) && (second.Batch == 0 || second.IsDense && second.Length == length);
        return new KvCache(keys, values, mask, length) { IsDense = dense };
    }

    private static Tensor Stack(Tensor a, KvCache first, Tensor b, KvCache second, long rows, long capacity, long length)
    {
        var shape = a.shape;
        var result = torch.zeros(new[] { rows, shape[1], capacity, shape[3] }, dtype: a.dtype, device: a.device).DetachFromDisposeScope();
        CopyRightAligned(a, first, result, 0, length, dim: 2);
        CopyRightAligned(b, second, result, first.Batch, length, dim: 2);
        return result;
    }

    /// <summary>Copies the written columns of <paramref name="source"/> into rows starting at <paramref name="row"/>, ending at column <paramref name="length"/>.</summary>
    private static void CopyRightAligned(Tensor source, KvCache owner, Tensor destination, long row, long length, int dim)
    {
        if (owner.Length == 0 || owner.Batch == 0) return;
        using var scope = torch.NewDisposeScope();
        var target = destination.narrow(0, row, owner.Batch).narrow(dim, length - owner.Length, owner.Length);
        target.copy_(source.narrow(dim, 0, owner.Length));
    }

    /// <summary>
    /// Squeezes out the padding: each row's real columns move right-aligned to the front of the cache, in order,
    /// and the write position drops to the longest row's length. Called when the write position reaches the
    /// capacity, or when rows that held the early columns have left the batch. Outputs are unchanged (see
    /// <see cref="Concat"/>). Returns the number of columns freed.
    /// </summary>
    public long Compact()
    {
        if (Length == 0) return 0;
        using var scope = torch.NewDisposeScope();
        var batch = (int)Batch;
        var length = (int)Length;
        var mask = KeyMask.narrow(1, 0, Length).@long().ToHostArray<long>();
        var counts = new int[batch];
        for (var r = 0; r < batch; r++)
            for (var c = 0; c < length; c++)
                counts[r] += (int)mask[r * length + c];
        var compacted = batch == 0 ? 0 : counts.Max();
        if (compacted == length) return 0;

        // index[r, j]: which old column becomes new column j of row r (padding points at column 0 and stays masked).
        var index = new long[batch * compacted];
        var newMask = new bool[batch * compacted];
        for (var r = 0; r < batch; r++)
        {
            var j = compacted - counts[r];
            for (var c = 0; c < length; c++)
            {
                if (mask[r * length + c] == 0) continue;
                index[r * compacted + j] = c;
                newMask[r * compacted + j] = true;
                j++;
            }
        }
        var device = KeyMask.device;
        var rowsIndex = torch.tensor(index, new long[] { batch, compacted }, device: device);
        for (var i = 0; i < keys.Length; i++)
        {
            var shape = keys[i].shape;
            var gatherIndex = rowsIndex.view(batch, 1, compacted, 1).expand(batch, shape[1], compacted, shape[3]);
            var k = keys[i].narrow(2, 0, Length).gather(2, gatherIndex);
            var v = values[i].narrow(2, 0, Length).gather(2, gatherIndex);
            keys[i].narrow(2, 0, compacted).copy_(k);
            values[i].narrow(2, 0, compacted).copy_(v);
        }
        KeyMask.fill_(0);
        if (compacted > 0) KeyMask.narrow(1, 0, compacted).copy_(torch.tensor(newMask, new long[] { batch, compacted }, device: device));
        var freed = Length - compacted;
        Length = compacted;
        IsDense = counts.All(c => c == compacted);
        return freed;
    }

    /// <summary>Frees a cache tensor and keeps its replacement beyond the current dispose scope.</summary>
    private static Tensor Replace(Tensor old, Tensor replacement)
    {
        old.Dispose();
        return replacement.DetachFromDisposeScope();
    }

    public void Dispose()
    {
        foreach (var t in keys) t.Dispose();
        foreach (var t in values) t.Dispose();
        KeyMask.Dispose();
    }
}
