namespace InstructGpt.Torch;

/// <summary>One entry of a tensor index, as in Python's <c>x[0, 1:3, ..., None]</c>.</summary>
public readonly struct TensorIndex
{
    private enum Kind { Single, Slice, Ellipsis, NewAxis }

    private readonly Kind kind;
    private readonly long start;
    private readonly long end;
    private readonly long step;

    private TensorIndex(Kind kind, long start = 0, long end = 0, long step = 1) => (this.kind, this.start, this.end, this.step) = (kind, start, end, step);

    public static readonly TensorIndex Ellipsis = new(Kind.Ellipsis);

    /// <summary>Inserts a dimension of size 1 (Python's None / np.newaxis).</summary>
    public static readonly TensorIndex None = new(Kind.NewAxis);

    public static TensorIndex Single(long index) => new(Kind.Single, index);

    /// <summary>start:end:step with Python's meaning; null bounds are open.</summary>
    public static TensorIndex Slice(long? start = null, long? end = null, long step = 1) =>
        new(Kind.Slice, start ?? 0, end ?? long.MaxValue, step);

    public static implicit operator TensorIndex(long index) => Single(index);
    public static implicit operator TensorIndex(int index) => Single(index);
    public static implicit operator TensorIndex(Index index) => Single(index.IsFromEnd ? -index.Value : index.Value);

    public static implicit operator TensorIndex(Range range)
    {
        var s = range.Start.IsFromEnd ? (range.Start.Value == 0 ? long.MaxValue : -range.Start.Value) : range.Start.Value;
        var e = range.End.IsFromEnd ? (range.End.Value == 0 ? long.MaxValue : -range.End.Value) : range.End.Value;
        return new TensorIndex(Kind.Slice, s, e);
    }

    internal static Tensor Apply(Tensor tensor, TensorIndex[] indices)
    {
        var consumed = indices.Count(i => i.kind is Kind.Single or Kind.Slice);
        var ndim = tensor.dim();
        if (consumed > ndim) throw new IndexOutOfRangeException($"too many indices for a tensor of dimension {ndim}");
        if (indices.Count(i => i.kind == Kind.Ellipsis) > 1) throw new IndexOutOfRangeException("an index can only have a single ellipsis");

        // Each step makes an intermediate view; all but the result are freed here.
        var current = tensor.alias();
        long dim = 0;
        foreach (var index in indices)
        {
            Tensor next;
            switch (index.kind)
            {
                case Kind.Single:
                    next = current.select(dim, index.start);
                    break;
                case Kind.Slice:
                    next = current.slice(dim, index.start, index.end, index.step);
                    dim++;
                    break;
                case Kind.NewAxis:
                    next = current.unsqueeze(dim);
                    dim++;
                    break;
                default:
                    dim += ndim - consumed;
                    continue;
            }
            current.Dispose();
            current = next;
        }
        return current;
    }
}
