using System.Runtime.InteropServices;

namespace InstructGpt.Torch.Interop;

/// <summary>
/// Owns one native at::Tensor*. As a SafeHandle it is kept alive for the length of every native
/// call that receives it (so a temporary cannot be finalized mid-call), and its critical finalizer
/// is the safety net that frees tensors nobody disposed.
/// </summary>
internal sealed class TensorHandle : SafeHandle
{
    /// <summary>Stands for an absent optional tensor (nullptr on the native side). Never disposed.</summary>
    public static readonly TensorHandle Null = new();

    public TensorHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    public TensorHandle(IntPtr existing) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(existing);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.igt_tensor_free(handle);
        return true;
    }
}
