using System.Runtime.InteropServices;
using System.Text;
using InstructGpt.Torch.Interop;

namespace InstructGpt.Torch;

/// <summary>
/// A handle to one libtorch tensor. Dispose it, or let a <see cref="DisposeScope"/> do so; the
/// finalizer is only a safety net. Methods follow PyTorch's names and semantics.
/// </summary>
public partial class Tensor : IDisposable
{
    private readonly TensorHandle handle;

    internal Tensor(TensorHandle handle, bool attachToScope = true)
    {
        if (handle.IsInvalid)
        {
            handle.SetHandleAsInvalid();
            throw TorchException.FromNative();
        }
        this.handle = handle;
        if (attachToScope) DisposeScope.Current?.Attach(this);
    }

    /// <summary>Wraps the result of a native call that returns a new tensor; throws libtorch's error if it failed.</summary>
    internal static Tensor From(TensorHandle handle) => new(handle);

    internal DisposeScope? OwningScope { get; set; }

    public bool IsDisposed => handle.IsClosed;

    internal TensorHandle Handle => !handle.IsClosed ? handle : throw new ObjectDisposedException(nameof(Tensor), "the tensor was disposed");

    /// <summary>Frees the native tensor now. Its memory returns to libtorch once no other tensor shares it.</summary>
    public void Dispose()
    {
        OwningScope = null;
        handle.Dispose();
    }

    /// <summary>Moves this tensor to the enclosing dispose scope so it outlives the current one.</summary>
    public Tensor MoveToOuterDisposeScope() => OwningScope?.MoveToOuter(this) ?? this;

    /// <summary>Removes this tensor from any dispose scope: the caller now disposes it.</summary>
    public Tensor DetachFromDisposeScope()
    {
        OwningScope = null;
        return this;
    }

    // ---- metadata -----------------------------------------------------------------------------
    public int dim() => NativeMethods.igt_tensor_ndim(Handle);

    public int ndim => dim();

    public unsafe long[] shape
    {
        get
        {
            var result = new long[NativeMethods.igt_tensor_ndim(Handle)];
            fixed (long* p = result) TorchException.Check(NativeMethods.igt_tensor_shape(Handle, p));
            return result;
        }
    }

    public long size(int dim)
    {
        var s = shape;
        var d = dim < 0 ? dim + s.Length : dim;
        if (d < 0 || d >= s.Length) throw new ArgumentOutOfRangeException(nameof(dim), dim, $"dimension out of range for a {s.Length}-d tensor");
        return s[d];
    }

    public unsafe long[] stride()
    {
        var result = new long[NativeMethods.igt_tensor_ndim(Handle)];
        fixed (long* p = result) TorchException.Check(NativeMethods.igt_tensor_strides(Handle, p));
        return result;
    }

    public long numel() => NativeMethods.igt_tensor_numel(Handle);

    public DType dtype => (DType)NativeMethods.igt_tensor_dtype(Handle);

    public Device device => new((DeviceType)NativeMethods.igt_tensor_device_type(Handle), NativeMethods.igt_tensor_device_index(Handle));

    public bool is_contiguous() => NativeMethods.igt_tensor_is_contiguous(Handle) != 0;

    public long element_size() => NativeMethods.igt_tensor_element_size(Handle);

    // ---- autograd -----------------------------------------------------------------------------
    public bool requires_grad
    {
        get => NativeMethods.igt_requires_grad(Handle) != 0;
        set => TorchException.Check(NativeMethods.igt_set_requires_grad(Handle, value ? 1 : 0));
    }

    public Tensor requires_grad_(bool value = true)
    {
        requires_grad = value;
        return this;
    }

    public bool is_leaf => NativeMethods.igt_is_leaf(Handle) != 0;

    /// <summary>The accumulated gradient as a new handle (owned by the current scope), or null before any backward.</summary>
    public Tensor? grad
    {
        get
        {
            TorchException.Check(NativeMethods.igt_grad(Handle, out var g));
            return g == IntPtr.Zero ? null : new Tensor(new TensorHandle(g));
        }
        set => TorchException.Check(NativeMethods.igt_set_grad(Handle, value?.Handle ?? TensorHandle.Null));
    }

    public void backward(Tensor? gradient = null, bool retain_graph = false) =>
        TorchException.Check(NativeMethods.igt_backward(Handle, gradient?.Handle ?? TensorHandle.Null, retain_graph ? 1 : 0));

    public Tensor detach() => From(NativeMethods.igt_detach(Handle));

    public void retain_grad() => TorchException.Check(NativeMethods.igt_retain_grad(Handle));

    // ---- conversion ---------------------------------------------------------------------------
    public Tensor clone() => From(NativeMethods.igt_tensor_clone(Handle));

    public Tensor contiguous() => From(NativeMethods.igt_tensor_contiguous(Handle));

    /// <summary>A second handle to the same tensor (shares storage and autograd history).</summary>
    public Tensor alias() => From(NativeMethods.igt_tensor_alias(Handle));

    public Tensor to(DType dtype, bool copy = false) => to(device, dtype, copy);

    public Tensor to(Device device, bool copy = false) => to(device, dtype, copy);

    public Tensor to(Device device, DType dtype, bool copy = false, bool non_blocking = false) =>
        From(NativeMethods.igt_tensor_to(Handle, (int)dtype, (int)device.Type, device.Index, non_blocking ? 1 : 0, copy ? 1 : 0));

    public Tensor cpu() => to(Device.CPU);

    public Tensor cuda(int index = 0) => to(Device.CUDA(index));

    public Tensor @float() => to(DType.Float32);

    public Tensor @long() => to(DType.Int64);

    public Tensor @bool() => to(DType.Bool);

    /// <summary>The single value of a one-element tensor.</summary>
    public T item<T>() where T : unmanaged
    {
        if (typeof(T) == typeof(long) || typeof(T) == typeof(int) || typeof(T) == typeof(bool))
        {
            TorchException.Check(NativeMethods.igt_tensor_item_int64(Handle, out var l));
            if (typeof(T) == typeof(long)) return (T)(object)l;
            if (typeof(T) == typeof(int)) return (T)(object)checked((int)l);
            return (T)(object)(l != 0);
        }
        TorchException.Check(NativeMethods.igt_tensor_item(Handle, out var d));
        if (typeof(T) == typeof(double)) return (T)(object)d;
        if (typeof(T) == typeof(float)) return (T)(object)(float)d;
        if (typeof(T) == typeof(Half)) return (T)(object)(Half)d;
        throw new NotSupportedException($"item<{typeof(T).Name}> is not supported");
    }

    /// <summary>Copies the elements, in row-major order, into a new array. T must match the dtype.</summary>
    public T[] ToArray<T>() where T : unmanaged
    {
        var result = new T[numel()];
        CopyTo<T>(result);
        return result;
    }

    /// <summary>Copies the elements, in row-major order, into <paramref name="destination"/> (exactly numel long).</summary>
    public unsafe void CopyTo<T>(Span<T> destination) where T : unmanaged
    {
        var expected = DTypeExtensions.Of<T>();
        if (expected != dtype)
            throw new InvalidOperationException($"the tensor holds {dtype.Name()}, not {expected.Name()}; convert it with .to(DType.{expected}) first");
        fixed (T* p = destination)
            TorchException.Check(NativeMethods.igt_tensor_copy_to_host(Handle, p, (long)destination.Length * sizeof(T)));
    }

    /// <summary>Copies the raw bytes (row-major, little-endian) into <paramref name="destination"/>.</summary>
    public unsafe void CopyBytesTo(Span<byte> destination)
    {
        fixed (byte* p = destination)
            TorchException.Check(NativeMethods.igt_tensor_copy_to_host(Handle, p, destination.Length));
    }

    /// <summary>Address of the first element of a contiguous CPU tensor, valid while the tensor lives.</summary>
    internal IntPtr DataPointer()
    {
        var p = NativeMethods.igt_tensor_data_ptr(Handle);
        GC.KeepAlive(this);
        return p != IntPtr.Zero || numel() == 0 ? p : throw TorchException.FromNative();
    }

    /// <summary>Replaces this tensor's data in place, like <c>param.data = other</c>: the object identity stays.</summary>
    public void set_data(Tensor data) => TorchException.Check(NativeMethods.igt_tensor_set_data(Handle, data.Handle));

    public override unsafe string ToString()
    {
        if (IsDisposed) return "Tensor(disposed)";
        var buffer = new byte[4096];
        int length;
        fixed (byte* p = buffer) length = NativeMethods.igt_tensor_to_string(Handle, p, buffer.Length);
        if (length < 0) return $"Tensor(shape=[{string.Join(", ", shape)}], dtype={dtype.Name()})";
        if (length >= buffer.Length)
        {
            buffer = new byte[length + 1];
            fixed (byte* p = buffer) NativeMethods.igt_tensor_to_string(Handle, p, buffer.Length);
        }
        return Encoding.UTF8.GetString(buffer, 0, Math.Min(length, buffer.Length - 1));
    }

    /// <summary>Raw pointers for calls taking a tensor array. Keep <paramref name="tensors"/> alive (GC.KeepAlive) until the call returns.</summary>
    internal static IntPtr[] RawHandles(IReadOnlyList<Tensor> tensors)
    {
        var handles = new IntPtr[tensors.Count];
        for (var i = 0; i < handles.Length; i++) handles[i] = tensors[i].Handle.DangerousGetHandle();
        return handles;
    }
}
