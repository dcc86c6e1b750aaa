using InstructGpt.Torch.Interop;


namespace InstructGpt.Torch;

// Functions over several tensors (torch.cat, torch.where, torch.multinomial, ...).
public static unsafe partial class torch
{
    public static Tensor cat(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(NativeMethods.igt_cat, tensors, dim);

    public static Tensor stack(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(NativeMethods.igt_stack, tensors, dim);

    private unsafe delegate TensorHandle JoinCall(IntPtr* tensors, int count, long dim);

    private static unsafe Tensor Join(JoinCall call, IReadOnlyList<Tensor> tensors, long dim)
    {
        var handles = Tensor.RawHandles(tensors);
        Tensor result;
        fixed (IntPtr* p = handles) result = Tensor.From(call(p, handles.Length, dim));
        GC.KeepAlive(tensors);
        return result;
    }

    public static Tensor where(Tensor condition, Tensor a, Tensor b) => Tensor.From(NativeMethods.igt_where(condition.Handle, a.Handle, b.Handle));
    public static Tensor where(Tensor condition, Tensor a, Scalar b) => Tensor.From(NativeMethods.igt_where_scalar(condition.Handle, a.Handle, b));
    public static Tensor matmul(Tensor a, Tensor b) => a.matmul(b);
    public static Tensor bmm(Tensor a, Tensor b) => a.bmm(b);
    public static Tensor maximum(Tensor a, Tensor b) => a.maximum(b);
    public static Tensor minimum(Tensor a, Tensor b) => a.minimum(b);
    public static Tensor exp(Tensor t) => t.exp();
    public static Tensor log(Tensor t) => t.log();
    public static Tensor tanh(Tensor t) => t.tanh();
    public static Tensor sqrt(Tensor t) => t.sqrt();
    public static Tensor sigmoid(Tensor t) => t.sigmoid();
    public static Tensor softmax(Tensor t, long dim) => t.softmax(dim);
    public static Tensor log_softmax(Tensor t, long dim) => t.log_softmax(dim);
    public static Tensor logsumexp(Tensor t, long dim, bool keepdim = false) => t.logsumexp(dim, keepdim);
    public static Tensor tril(Tensor t, long diagonal = 0) => t.tril(diagonal);
    public static Tensor triu(Tensor t, long diagonal = 0) => t.triu(diagonal);
    public static Tensor gather(Tensor t, long dim, Tensor index) => t.gather(dim, index);
    public static Tensor clamp(Tensor t, Scalar? min = null, Scalar? max = null) => t.clamp(min, max);

    /// <summary>Draws <paramref name="num_samples"/> indices per row from the (unnormalised) probabilities.</summary>
    public static Tensor multinomial(Tensor probs, long num_samples, bool replacement = false, Generator? generator = null)
    {
        var result = Tensor.From(NativeMethods.igt_multinomial(probs.Handle, num_samples, replacement ? 1 : 0, generator?.Handle ?? IntPtr.Zero));
        GC.KeepAlive(generator);
        return result;
    }

    public static Tensor bernoulli(Tensor probs, Generator? generator = null)
    {
        var result = Tensor.From(NativeMethods.igt_bernoulli(probs.Handle, generator?.Handle ?? IntPtr.Zero));
        GC.KeepAlive(generator);
        return result;
    }

    public static Tensor randperm(long n, Device? device = null, Generator? generator = null)
    {
        var d = device ?? generator?.Device ?? get_default_device();
        var result = Tensor.From(NativeMethods.igt_randperm(n, (int)d.Type, d.Index, generator?.Handle ?? IntPtr.Zero));
        GC.KeepAlive(generator);
        return result;
    }
}
