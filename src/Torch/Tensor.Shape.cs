using InstructGpt.Torch.Interop;

namespace InstructGpt.Torch;

// Views, joins, splits, indexing and masking.
public partial class Tensor
{
    public unsafe Tensor reshape(params long[] shape) { fixed (long* p = shape) return From(NativeMethods.igt_reshape(Handle, p, shape.Length)); }
    public unsafe Tensor view(params long[] shape) { fixed (long* p = shape) return From(NativeMethods.igt_view(Handle, p, shape.Length)); }
    public unsafe Tensor permute(params long[] dims) { fixed (long* p = dims) return From(NativeMethods.igt_permute(Handle, p, dims.Length)); }
    public unsafe Tensor expand(params long[] shape) { fixed (long* p = shape) return From(NativeMethods.igt_expand(Handle, p, shape.Length)); }
    public unsafe Tensor flip(params long[] dims) { fixed (long* p = dims) return From(NativeMethods.igt_flip(Handle, p, dims.Length)); }
    public unsafe Tensor repeat(params long[] repeats) { fixed (long* p = repeats) return From(NativeMethods.igt_repeat(Handle, p, repeats.Length)); }
    public Tensor transpose(long dim0, long dim1) => From(NativeMethods.igt_transpose(Handle, dim0, dim1));
    /// <summary>Transpose of a 2-d tensor (PyTorch's .T / .t()).</summary>
    public Tensor t() => transpose(0, 1);
    public Tensor squeeze() => From(NativeMethods.igt_squeeze(Handle));
    public Tensor squeeze(long dim) => From(NativeMethods.igt_squeeze_dim(Handle, dim));
    public Tensor unsqueeze(long dim) => From(NativeMethods.igt_unsqueeze(Handle, dim));
    public Tensor flatten(long start_dim = 0, long end_dim = -1) => From(NativeMethods.igt_flatten(Handle, start_dim, end_dim));
    public Tensor narrow(long dim, long start, long length) => From(NativeMethods.igt_narrow(Handle, dim, start, length));
    public Tensor select(long dim, long index) => From(NativeMethods.igt_select(Handle, dim, index));
    /// <summary>Elements start, start+step, ... before end along dim; negative bounds count from the end.</summary>
    public Tensor slice(long dim, long start, long end, long step = 1) => From(NativeMethods.igt_slice(Handle, dim, start, end, step));
    public Tensor tril(long diagonal = 0) => From(NativeMethods.igt_tril(Handle, diagonal));
    public Tensor triu(long diagonal = 0) => From(NativeMethods.igt_triu(Handle, diagonal));
    public Tensor expand_as(Tensor other) => expand(other.shape);
    public Tensor view_as(Tensor other) => view(other.shape);

    public unsafe Tensor[] split(long split_size, long dim = 0)
    {
        var length = size((int)dim);
        var capacity = (int)Math.Max(1, (length + split_size - 1) / Math.Max(1, split_size));
        var output = new IntPtr[capacity];
        int count;
        fixed (IntPtr* p = output) count = NativeMethods.igt_split(Handle, split_size, dim, p, capacity);
        return Pieces(output, count);
    }

    public unsafe Tensor[] split(long[] sizes, long dim = 0)
    {
        var output = new IntPtr[sizes.Length];
        int count;
        fixed (long* s = sizes)
        fixed (IntPtr* p = output) count = NativeMethods.igt_split_sizes(Handle, s, sizes.Length, dim, p, sizes.Length);
        return Pieces(output, count);
    }

    public unsafe Tensor[] chunk(long chunks, long dim = 0)
    {
        var output = new IntPtr[Math.Max(1, chunks)];
        int count;
        fixed (IntPtr* p = output) count = NativeMethods.igt_chunk(Handle, chunks, dim, p, output.Length);
        return Pieces(output, count);
    }

    private static Tensor[] Pieces(IntPtr[] handles, int count)
    {
        TorchException.Check(count);
        var result = new Tensor[count];
        for (var i = 0; i < count; i++) result[i] = new Tensor(new TensorHandle(handles[i]));
        return result;
    }

    public Tensor index_select(long dim, Tensor index) => From(NativeMethods.igt_index_select(Handle, dim, index.Handle));
    public Tensor gather(long dim, Tensor index) => From(NativeMethods.igt_gather(Handle, dim, index.Handle));
    public Tensor scatter(long dim, Tensor index, Tensor src) => From(NativeMethods.igt_scatter(Handle, dim, index.Handle, src.Handle));
    public Tensor scatter(long dim, Tensor index, Scalar value) => From(NativeMethods.igt_scatter_value(Handle, dim, index.Handle, value));
    public Tensor scatter_add(long dim, Tensor index, Tensor src) => From(NativeMethods.igt_scatter_add(Handle, dim, index.Handle, src.Handle));
    public Tensor masked_fill(Tensor mask, Scalar value) => From(NativeMethods.igt_masked_fill(Handle, mask.Handle, value));
    public Tensor masked_fill(Tensor mask, Tensor value) => From(NativeMethods.igt_masked_fill_tensor(Handle, mask.Handle, value.Handle));
    public Tensor masked_select(Tensor mask) => From(NativeMethods.igt_masked_select(Handle, mask.Handle));

    /// <summary>
    /// PyTorch-style indexing: integers select (and drop the dimension), ranges slice
    /// (<c>x[.., ^1]</c>, <c>x[1..3]</c>), <see cref="TensorIndex.Ellipsis"/> and
    /// <see cref="TensorIndex.None"/> work as in Python. A single bool or long tensor indexes dimension 0.
    /// </summary>
    public Tensor this[params TensorIndex[] indices]
    {
        get => TensorIndex.Apply(this, indices);
        set
        {
            using var view = TensorIndex.Apply(this, indices);
            view.copy_(value);
        }
    }

    public Tensor this[Tensor index]
    {
        get => From(NativeMethods.igt_index_tensor(Handle, index.Handle));
        set => TorchException.Check(NativeMethods.igt_index_put_(Handle, index.Handle, value.Handle));
    }
}
