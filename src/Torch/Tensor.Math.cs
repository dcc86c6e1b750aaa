using InstructGpt.Torch.Interop;

namespace InstructGpt.Torch;

// Pointwise arithmetic, reductions, sorting and comparisons, with PyTorch's broadcasting.
public unsafe partial class Tensor
{
    public Tensor add(Tensor other, Scalar? alpha = null) => From(NativeMethods.igt_add(Handle, other.Handle, alpha ?? 1));
    public Tensor add(Scalar other) => From(NativeMethods.igt_add_scalar(Handle, other));
    public Tensor sub(Tensor other, Scalar? alpha = null) => From(NativeMethods.igt_sub(Handle, other.Handle, alpha ?? 1));
    public Tensor sub(Scalar other) => From(NativeMethods.igt_sub_scalar(Handle, other));
    public Tensor mul(Tensor other) => From(NativeMethods.igt_mul(Handle, other.Handle));
    public Tensor mul(Scalar other) => From(NativeMethods.igt_mul_scalar(Handle, other));
    public Tensor div(Tensor other) => From(NativeMethods.igt_div(Handle, other.Handle));
    public Tensor div(Scalar other) => From(NativeMethods.igt_div_scalar(Handle, other));
    public Tensor pow(Tensor exponent) => From(NativeMethods.igt_pow(Handle, exponent.Handle));
    public Tensor pow(Scalar exponent) => From(NativeMethods.igt_pow_scalar(Handle, exponent));
    public Tensor neg() => From(NativeMethods.igt_neg(Handle));
    public Tensor matmul(Tensor other) => From(NativeMethods.igt_matmul(Handle, other.Handle));
    public Tensor bmm(Tensor other) => From(NativeMethods.igt_bmm(Handle, other.Handle));
    public Tensor mm(Tensor other) => From(NativeMethods.igt_mm(Handle, other.Handle));
    public Tensor maximum(Tensor other) => From(NativeMethods.igt_maximum(Handle, other.Handle));
    public Tensor minimum(Tensor other) => From(NativeMethods.igt_minimum(Handle, other.Handle));

    public Tensor exp() => From(NativeMethods.igt_exp(Handle));
    public Tensor log() => From(NativeMethods.igt_log(Handle));
    public Tensor tanh() => From(NativeMethods.igt_tanh(Handle));
    public Tensor sqrt() => From(NativeMethods.igt_sqrt(Handle));
    public Tensor rsqrt() => From(NativeMethods.igt_rsqrt(Handle));
    public Tensor abs() => From(NativeMethods.igt_abs(Handle));
    public Tensor sign() => From(NativeMethods.igt_sign(Handle));
    public Tensor square() => From(NativeMethods.igt_square(Handle));
    public Tensor reciprocal() => From(NativeMethods.igt_reciprocal(Handle));
    public Tensor relu() => From(NativeMethods.igt_relu(Handle));
    public Tensor sigmoid() => From(NativeMethods.igt_sigmoid(Handle));
    public Tensor floor() => From(NativeMethods.igt_floor(Handle));
    public Tensor round() => From(NativeMethods.igt_round(Handle));
    public Tensor isnan() => From(NativeMethods.igt_isnan(Handle));
    public Tensor isfinite() => From(NativeMethods.igt_isfinite(Handle));
    public Tensor logical_not() => From(NativeMethods.igt_logical_not(Handle));
    public Tensor logical_and(Tensor other) => From(NativeMethods.igt_logical_and(Handle, other.Handle));
    public Tensor logical_or(Tensor other) => From(NativeMethods.igt_logical_or(Handle, other.Handle));

    public Tensor clamp(Scalar? min = null, Scalar? max = null) =>
        From(NativeMethods.igt_clamp(Handle, min ?? 0, min.HasValue ? 1 : 0, max ?? 0, max.HasValue ? 1 : 0));
    public Tensor clamp(Tensor? min, Tensor? max) =>
        From(NativeMethods.igt_clamp_tensor(Handle, min?.Handle ?? TensorHandle.Null, max?.Handle ?? TensorHandle.Null));
    public Tensor clamp_min(Scalar min) => clamp(min, null);
    public Tensor clamp_max(Scalar max) => clamp(null, max);

    // ---- comparisons (boolean results) ---------------------------------------------------------
    public Tensor eq(Tensor other) => From(NativeMethods.igt_eq(Handle, other.Handle));
    public Tensor eq(Scalar other) => From(NativeMethods.igt_eq_scalar(Handle, other));
    public Tensor ne(Tensor other) => From(NativeMethods.igt_ne(Handle, other.Handle));
    public Tensor ne(Scalar other) => From(NativeMethods.igt_ne_scalar(Handle, other));
    public Tensor lt(Tensor other) => From(NativeMethods.igt_lt(Handle, other.Handle));
    public Tensor lt(Scalar other) => From(NativeMethods.igt_lt_scalar(Handle, other));
    public Tensor le(Tensor other) => From(NativeMethods.igt_le(Handle, other.Handle));
    public Tensor le(Scalar other) => From(NativeMethods.igt_le_scalar(Handle, other));
    public Tensor gt(Tensor other) => From(NativeMethods.igt_gt(Handle, other.Handle));
    public Tensor gt(Scalar other) => From(NativeMethods.igt_gt_scalar(Handle, other));
    public Tensor ge(Tensor other) => From(NativeMethods.igt_ge(Handle, other.Handle));
    public Tensor ge(Scalar other) => From(NativeMethods.igt_ge_scalar(Handle, other));

    public bool allclose(Tensor other, double rtol = 1e-5, double atol = 1e-8)
    {
        using var result = From(NativeMethods.igt_allclose_tensor(Handle, other.Handle, rtol, atol));
        return result.item<bool>();
    }

    // ---- reductions ----------------------------------------------------------------------------
    // The int overloads exist because C# converts a literal 0 to any enum: without them x.sum(0)
    // would bind to sum(DType? dtype) and sum everything as uint8 instead of reducing dimension 0.
    public Tensor sum(DType? dtype = null) => Reduce(NativeMethods.igt_sum, [], false, dtype);
    public Tensor sum(long dim, bool keepdim = false, DType? dtype = null) => Reduce(NativeMethods.igt_sum, [dim], keepdim, dtype);
    public Tensor sum(int dim, bool keepdim = false, DType? dtype = null) => sum((long)dim, keepdim, dtype);
    public Tensor sum(long[] dims, bool keepdim = false, DType? dtype = null) => Reduce(NativeMethods.igt_sum, dims, keepdim, dtype);
    public Tensor mean(DType? dtype = null) => Reduce(NativeMethods.igt_mean, [], false, dtype);
    public Tensor mean(long dim, bool keepdim = false, DType? dtype = null) => Reduce(NativeMethods.igt_mean, [dim], keepdim, dtype);
    public Tensor mean(int dim, bool keepdim = false, DType? dtype = null) => mean((long)dim, keepdim, dtype);
    public Tensor mean(long[] dims, bool keepdim = false, DType? dtype = null) => Reduce(NativeMethods.igt_mean, dims, keepdim, dtype);

    private unsafe delegate TensorHandle ReduceCall(TensorHandle t, long* dims, int ndim, int keepdim, int dtype);

    private unsafe Tensor Reduce(ReduceCall call, long[] dims, bool keepdim, DType? dtype)
    {
        fixed (long* p = dims) return From(call(Handle, p, dims.Length, keepdim ? 1 : 0, dtype.HasValue ? (int)dtype.Value : -1));
    }

    /// <summary>Variance; correction 1 is Bessel's (unbiased), as PyTorch's default.</summary>
    public unsafe Tensor var(long[]? dims = null, long correction = 1, bool keepdim = false)
    {
        dims ??= [];
        fixed (long* p = dims) return From(NativeMethods.igt_var(Handle, p, dims.Length, correction, keepdim ? 1 : 0));
    }

    public Tensor var(long dim, long correction = 1, bool keepdim = false) => var([dim], correction, keepdim);

    public unsafe Tensor std(long[]? dims = null, long correction = 1, bool keepdim = false)
    {
        dims ??= [];
        fixed (long* p = dims) return From(NativeMethods.igt_std(Handle, p, dims.Length, correction, keepdim ? 1 : 0));
    }

    public Tensor std(long dim, long correction = 1, bool keepdim = false) => std([dim], correction, keepdim);

    public unsafe Tensor logsumexp(long dim, bool keepdim = false)
    {
        long d = dim;
        return From(NativeMethods.igt_logsumexp(Handle, &d, 1, keepdim ? 1 : 0));
    }

    public Tensor norm(double p = 2) => From(NativeMethods.igt_norm(Handle, p));
    public Tensor cumsum(long dim, DType? dtype = null) => From(NativeMethods.igt_cumsum(Handle, dim, dtype.HasValue ? (int)dtype.Value : -1));
    public Tensor max() => From(NativeMethods.igt_max_all(Handle));
    public Tensor min() => From(NativeMethods.igt_min_all(Handle));
    public Tensor any() => From(NativeMethods.igt_any(Handle));
    public Tensor all() => From(NativeMethods.igt_all(Handle));

    public (Tensor values, Tensor indices) max(long dim, bool keepdim = false)
    {
        TorchException.Check(NativeMethods.igt_max_dim(Handle, dim, keepdim ? 1 : 0, out var v, out var i));
        return Pair(v, i);
    }

    public (Tensor values, Tensor indices) min(long dim, bool keepdim = false)
    {
        TorchException.Check(NativeMethods.igt_min_dim(Handle, dim, keepdim ? 1 : 0, out var v, out var i));
        return Pair(v, i);
    }

    public (Tensor values, Tensor indices) topk(long k, long dim = -1, bool largest = true, bool sorted = true)
    {
        TorchException.Check(NativeMethods.igt_topk(Handle, k, dim, largest ? 1 : 0, sorted ? 1 : 0, out var v, out var i));
        return Pair(v, i);
    }

    public (Tensor values, Tensor indices) sort(long dim = -1, bool descending = false, bool stable = false)
    {
        TorchException.Check(NativeMethods.igt_sort(Handle, dim, descending ? 1 : 0, stable ? 1 : 0, out var v, out var i));
        return Pair(v, i);
    }

    private static (Tensor, Tensor) Pair(IntPtr values, IntPtr indices) =>
        (new Tensor(new TensorHandle(values)), new Tensor(new TensorHandle(indices)));

    public Tensor argmax() => From(NativeMethods.igt_argmax(Handle, 0, 0, 0));
    public Tensor argmax(long dim, bool keepdim = false) => From(NativeMethods.igt_argmax(Handle, dim, 1, keepdim ? 1 : 0));
    public Tensor argmin() => From(NativeMethods.igt_argmin(Handle, 0, 0, 0));
    public Tensor argmin(long dim, bool keepdim = false) => From(NativeMethods.igt_argmin(Handle, dim, 1, keepdim ? 1 : 0));
    public Tensor argsort(long dim = -1, bool descending = false) => From(NativeMethods.igt_argsort(Handle, dim, descending ? 1 : 0));

    public Tensor softmax(long dim, DType? dtype = null) => From(NativeMethods.igt_softmax(Handle, dim, dtype.HasValue ? (int)dtype.Value : -1));
    public Tensor log_softmax(long dim, DType? dtype = null) => From(NativeMethods.igt_log_softmax(Handle, dim, dtype.HasValue ? (int)dtype.Value : -1));

    // ---- in place: these return this tensor ---------------------------------------------------
    public Tensor add_(Tensor other, Scalar? alpha = null) { TorchException.Check(NativeMethods.igt_add_(Handle, other.Handle, alpha ?? 1)); return this; }
    public Tensor add_(Scalar value) { TorchException.Check(NativeMethods.igt_add_scalar_(Handle, value)); return this; }
    public Tensor sub_(Tensor other) => add_(other, -1);
    public Tensor mul_(Tensor other) { TorchException.Check(NativeMethods.igt_mul_(Handle, other.Handle)); return this; }
    public Tensor mul_(Scalar value) { TorchException.Check(NativeMethods.igt_mul_scalar_(Handle, value)); return this; }
    public Tensor div_(Scalar value) { TorchException.Check(NativeMethods.igt_div_scalar_(Handle, value)); return this; }
    public Tensor addcmul_(Tensor a, Tensor b, Scalar? value = null) { TorchException.Check(NativeMethods.igt_addcmul_(Handle, a.Handle, b.Handle, value ?? 1)); return this; }
    public Tensor addcdiv_(Tensor a, Tensor b, Scalar? value = null) { TorchException.Check(NativeMethods.igt_addcdiv_(Handle, a.Handle, b.Handle, value ?? 1)); return this; }
    public Tensor copy_(Tensor source) { TorchException.Check(NativeMethods.igt_copy_(Handle, source.Handle)); return this; }
    public Tensor zero_() { TorchException.Check(NativeMethods.igt_zero_(Handle)); return this; }
    public Tensor fill_(Scalar value) { TorchException.Check(NativeMethods.igt_fill_(Handle, value)); return this; }
    public Tensor lerp_(Tensor end, Scalar weight) { TorchException.Check(NativeMethods.igt_lerp_(Handle, end.Handle, weight)); return this; }

    public Tensor clamp_(Scalar? min = null, Scalar? max = null)
    {
        TorchException.Check(NativeMethods.igt_clamp_(Handle, min ?? 0, min.HasValue ? 1 : 0, max ?? 0, max.HasValue ? 1 : 0));
        return this;
    }

    public Tensor normal_(double mean = 0, double std = 1, Generator? generator = null)
    {
        TorchException.Check(NativeMethods.igt_normal_(Handle, mean, std, generator?.Handle ?? IntPtr.Zero));
        GC.KeepAlive(generator);
        return this;
    }

    public Tensor uniform_(double from = 0, double to = 1, Generator? generator = null)
    {
        TorchException.Check(NativeMethods.igt_uniform_(Handle, from, to, generator?.Handle ?? IntPtr.Zero));
        GC.KeepAlive(generator);
        return this;
    }
}
