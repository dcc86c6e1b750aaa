using InstructGpt.Torch.Interop;

namespace InstructGpt.Torch;

// Factory functions (torch.zeros, torch.randn, torch.tensor, ...).
public static unsafe partial class torch
{
    private unsafe delegate TensorHandle Factory(long* shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad);

    private static unsafe Tensor Create(Factory factory, long[] shape, DType? dtype, Device? device, bool requires_grad)
    {
        var d = device ?? get_default_device();
        fixed (long* p = shape)
            return Tensor.From(factory(p, shape.Length, (int)(dtype ?? default_dtype), (int)d.Type, d.Index, requires_grad ? 1 : 0));
    }

    public static Tensor zeros(params long[] shape) => zeros(shape, null);
    public static Tensor zeros(long[] shape, DType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Create(NativeMethods.igt_zeros, shape, dtype, device, requires_grad);

    public static Tensor ones(params long[] shape) => ones(shape, null);
    public static Tensor ones(long[] shape, DType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Create(NativeMethods.igt_ones, shape, dtype, device, requires_grad);

    /// <summary>Uninitialised memory of the given shape.</summary>
    public static Tensor empty(params long[] shape) => empty(shape, null);
    public static Tensor empty(long[] shape, DType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Create(NativeMethods.igt_empty, shape, dtype, device, requires_grad);

    public static unsafe Tensor full(long[] shape, Scalar value, DType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? get_default_device();
        var type = dtype ?? (value.IsIntegral ? DType.Int64 : default_dtype);
        fixed (long* p = shape)
            return Tensor.From(NativeMethods.igt_full(p, shape.Length, (int)type, (int)d.Type, d.Index, requires_grad ? 1 : 0, value));
    }

    public static Tensor randn(params long[] shape) => randn(shape, null);
    public static Tensor randn(long[] shape, DType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null) =>
        Sample(NativeMethods.igt_randn, shape, dtype, device, requires_grad, generator);

    /// <summary>Uniform samples from [0, 1).</summary>
    public static Tensor rand(params long[] shape) => rand(shape, null);
    public static Tensor rand(long[] shape, DType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null) =>
        Sample(NativeMethods.igt_rand, shape, dtype, device, requires_grad, generator);

    private unsafe delegate TensorHandle SampleCall(long* shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad, IntPtr generator);

    private static unsafe Tensor Sample(SampleCall call, long[] shape, DType? dtype, Device? device, bool requires_grad, Generator? generator)
    {
        var d = device ?? generator?.Device ?? get_default_device();
        Tensor t;
        fixed (long* p = shape)
            t = Tensor.From(call(p, shape.Length, (int)(dtype ?? default_dtype), (int)d.Type, d.Index, requires_grad ? 1 : 0, generator?.Handle ?? IntPtr.Zero));
        GC.KeepAlive(generator);
        return t;
    }

    /// <summary>Integers uniform in [low, high).</summary>
    public static unsafe Tensor randint(long low, long high, long[] shape, DType? dtype = null, Device? device = null, Generator? generator = null)
    {
        var d = device ?? generator?.Device ?? get_default_device();
        fixed (long* p = shape)
        {
            var t = Tensor.From(NativeMethods.igt_randint(low, high, p, shape.Length, (int)(dtype ?? DType.Int64), (int)d.Type, d.Index, 0,
                generator?.Handle ?? IntPtr.Zero));
            GC.KeepAlive(generator);
            return t;
        }
    }

    /// <summary>start, start+step, ... below end. Integral arguments give int64, as in PyTorch.</summary>
    public static Tensor arange(Scalar start, Scalar end, Scalar? step = null, DType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? get_default_device();
        var s = step ?? 1;
        var type = dtype ?? (start.IsIntegral && end.IsIntegral && s.IsIntegral ? DType.Int64 : default_dtype);
        return Tensor.From(NativeMethods.igt_arange(start, end, s, (int)type, (int)d.Type, d.Index, requires_grad ? 1 : 0));
    }

    public static Tensor arange(Scalar end, DType? dtype = null, Device? device = null) => arange(0, end, 1, dtype, device);

    public static Tensor eye(long n, DType? dtype = null, Device? device = null)
    {
        var d = device ?? get_default_device();
        return Tensor.From(NativeMethods.igt_eye(n, (int)(dtype ?? default_dtype), (int)d.Type, d.Index, 0));
    }

    public static Tensor zeros_like(Tensor t, DType? dtype = null) => zeros(t.shape, dtype ?? t.dtype, t.device);
    public static Tensor ones_like(Tensor t, DType? dtype = null) => ones(t.shape, dtype ?? t.dtype, t.device);
    public static Tensor empty_like(Tensor t, DType? dtype = null) => empty(t.shape, dtype ?? t.dtype, t.device);
    public static Tensor full_like(Tensor t, Scalar value, DType? dtype = null) => full(t.shape, value, dtype ?? t.dtype, t.device);
    public static Tensor randn_like(Tensor t, Generator? generator = null) => randn(t.shape, t.dtype, t.device, false, generator);

    /// <summary>A tensor holding a copy of <paramref name="data"/>, shaped as <paramref name="shape"/> (default: 1-d).</summary>
    public static unsafe Tensor tensor<T>(ReadOnlySpan<T> data, long[]? shape = null, Device? device = null, bool requires_grad = false) where T : unmanaged
    {
        shape ??= [data.Length];
        var d = device ?? get_default_device();
        Tensor result;
        fixed (T* source = data)
        fixed (long* s = shape)
            result = Tensor.From(NativeMethods.igt_tensor_from_host(source, (long)data.Length * sizeof(T), s, shape.Length,
                (int)DTypeExtensions.Of<T>(), (int)d.Type, d.Index));
        if (requires_grad) result.requires_grad = true;
        return result;
    }

    public static Tensor tensor<T>(T[] data, long[]? shape = null, Device? device = null, bool requires_grad = false) where T : unmanaged =>
        tensor<T>(data.AsSpan(), shape, device, requires_grad);

    public static Tensor tensor<T>(T[,] data, Device? device = null, bool requires_grad = false) where T : unmanaged
    {
        var flat = new T[data.Length];
        var i = 0;
        foreach (var value in data) flat[i++] = value;
        return tensor<T>(flat, [data.GetLength(0), data.GetLength(1)], device, requires_grad);
    }

    /// <summary>A 0-d tensor.</summary>
    public static Tensor scalar_tensor(double value, DType? dtype = null, Device? device = null) => full([], value, dtype ?? default_dtype, device);

    /// <summary>A tensor of the given dtype from raw little-endian bytes (as stored in safetensors).</summary>
    public static unsafe Tensor from_bytes(ReadOnlySpan<byte> bytes, DType dtype, long[] shape, Device? device = null)
    {
        var d = device ?? Device.CPU;
        fixed (byte* source = bytes)
        fixed (long* s = shape)
            return Tensor.From(NativeMethods.igt_tensor_from_host(source, bytes.Length, s, shape.Length, (int)dtype, (int)d.Type, d.Index));
    }
}
