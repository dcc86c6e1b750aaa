using InstructGpt.Torch;

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

    public KvCache(GptConfig config, long batch, long capacity, Device device, DType dtype)
    {
        if (capacity > config.NPositions)
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, $"the cache cannot exceed the model's context of {config.NPositions} positions");
        Batch = batch;
        Capacity = capacity;
        keys = new Tensor[config.NLayer];
        values = new Tensor[config.NLayer];
        for (var i = 0; i < config.NLayer; i++)
        {
            keys[i] = torch.zeros([batch, config.NHead, capacity, config.HeadSize], dtype, device).DetachFromDisposeScope();
            values[i] = torch.zeros([batch, config.NHead, capacity, config.HeadSize], dtype, device).DetachFromDisposeScope();
        }
        KeyMask = torch.zeros([batch, capacity], DType.Bool, device).DetachFromDisposeScope();
    }

    public long Batch { get; private set; }
    public long Capacity { get; }

    /// <summary>Number of columns written so far (the same for every row).</summary>
    public long Length { get; private set; }

    /// <summary>[batch, capacity]: true where a row's column holds a real (non-padding) token.</summary>
    public Tensor KeyMask { get; }

    /// <summary>Records which of the next columns are real tokens; call once per forward, before the layers write.</summary>
    internal void AppendMask(Tensor attentionMask)
    {
        var steps = attentionMask.size(1);
        if (Length + steps > Capacity)
            throw new InvalidOperationException($"the KV cache holds {Capacity} positions; {Length} are used and {steps} more were requested");
        using var scope = torch.NewDisposeScope();
        KeyMask[.., (int)Length..(int)(Length + steps)] = attentionMask.@bool();
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
            keys[i].set_data(keys[i].index_select(0, rowIndices));
            values[i].set_data(values[i].index_select(0, rowIndices));
        }
        KeyMask.set_data(KeyMask.index_select(0, rowIndices));
        Batch = rowIndices.size(0);
    }

    public void Dispose()
    {
        foreach (var t in keys) t.Dispose();
        foreach (var t in values) t.Dispose();
        KeyMask.Dispose();
    }
}
