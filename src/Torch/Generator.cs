using InstructGpt.Torch.Interop;

namespace InstructGpt.Torch;

/// <summary>
/// A random number generator independent of the global one, for reproducible sampling
/// (torch.Generator). Its full state can be saved and restored for exact resume.
/// </summary>
public sealed class Generator : IDisposable
{
    private IntPtr handle;

    public Generator(ulong seed, Device? device = null)
    {
        var d = device ?? Device.CPU;
        handle = NativeMethods.igt_generator_new(seed, (int)d.Type, d.Index < 0 && d.IsCuda ? 0 : d.Index);
        if (handle == IntPtr.Zero) throw TorchException.FromNative();
        Device = d;
    }

    /// <summary>Wraps a native generator handle (e.g. the global default generator, whose state it shares).</summary>
    private Generator(IntPtr handle, Device device)
    {
        this.handle = handle != IntPtr.Zero ? handle : throw TorchException.FromNative();
        Device = device;
    }

    /// <summary>
    /// The global generator that unseeded operations (dropout, randn without a generator) draw from.
    /// Saving its state with <see cref="get_state"/> and restoring it makes a resumed run repeat the original.
    /// </summary>
    public static Generator Default(Device? device = null)
    {
        var d = device ?? Device.CPU;
        return new Generator(NativeMethods.igt_default_generator((int)d.Type, d.Index < 0 && d.IsCuda ? 0 : d.Index), d);
    }

    public Device Device { get; }

    internal IntPtr Handle => handle != IntPtr.Zero ? handle : throw new ObjectDisposedException(nameof(Generator));

    public ulong initial_seed()
    {
        var seed = NativeMethods.igt_generator_seed(Handle);
        GC.KeepAlive(this);
        return seed;
    }

    public Generator manual_seed(ulong seed)
    {
        TorchException.Check(NativeMethods.igt_generator_set_seed(Handle, seed));
        GC.KeepAlive(this);
        return this;
    }

    /// <summary>The generator's state as a uint8 tensor (torch.Generator.get_state).</summary>
    public Tensor get_state()
    {
        var state = Tensor.From(NativeMethods.igt_generator_get_state(Handle));
        GC.KeepAlive(this);
        return state;
    }

    public void set_state(Tensor state)
    {
        TorchException.Check(NativeMethods.igt_generator_set_state(Handle, state.Handle));
        GC.KeepAlive(this);
    }

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    ~Generator() => Free();

    private void Free()
    {
        var h = Interlocked.Exchange(ref handle, IntPtr.Zero);
        if (h != IntPtr.Zero) NativeMethods.igt_generator_free(h);
    }
}
