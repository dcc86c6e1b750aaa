using System.Runtime.InteropServices;
using InstructGpt.Torch.Interop;

namespace InstructGpt.Torch;

/// <summary>An error raised inside libtorch, carrying libtorch's own message.</summary>
public sealed class TorchException(string message) : Exception(message)
{
    /// <summary>Throws the pending native error, if the call failed.</summary>
    internal static IntPtr Check(IntPtr handle) => handle != IntPtr.Zero ? handle : throw FromNative();

    internal static void Check(int status)
    {
        if (status < 0) throw FromNative();
    }

    internal static TorchException FromNative() =>
        new(Marshal.PtrToStringUTF8(NativeMethods.igt_last_error()) ?? "unknown libtorch error");
}
