using System.Runtime.InteropServices;
using InstructGpt.Torch.Interop;

namespace InstructGpt.Torch;

/// <summary>
/// The PyTorch-like entry point: <c>torch.zeros(2, 3)</c>, <c>torch.no_grad()</c>,
/// <c>torch.nn.functional.gelu(x)</c>. Creation functions use <see cref="get_default_device"/>.
/// </summary>
public static partial class torch
{
    public const DType float32 = DType.Float32;
    public const DType float16 = DType.Float16;
    public const DType bfloat16 = DType.BFloat16;
    public const DType float64 = DType.Float64;
    public const DType int64 = DType.Int64;
    public const DType int32 = DType.Int32;
    public const DType int8 = DType.Int8;
    public const DType uint8 = DType.UInt8;
    public const DType @bool = DType.Bool;

    /// <summary>Environment variable that overrides the default device ("cpu", "cuda", "cuda:1").</summary>
    public const string DeviceEnvironmentVariable = "INSTRUCTGPT_DEVICE";

    private static Device? defaultDevice;

    /// <summary>
    /// Where creation functions put tensors when no device is given: INSTRUCTGPT_DEVICE if set,
    /// otherwise cuda:0 when CUDA is available, otherwise the CPU.
    /// </summary>
    public static Device get_default_device() => defaultDevice ??= ChooseDefaultDevice();

    public static void set_default_device(Device device) => defaultDevice = device;

    private static Device ChooseDefaultDevice()
    {
        var configured = Environment.GetEnvironmentVariable(DeviceEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured)) return Device.Parse(configured);
        return cuda.is_available() ? Device.CUDA(0) : Device.CPU;
    }

    public static DType default_dtype { get; set; } = DType.Float32;

    /// <summary>Version of the libtorch the shim was built against, e.g. "1.13.0".</summary>
    public static string version => Marshal.PtrToStringUTF8(NativeMethods.igt_torch_version()) ?? "unknown";

    /// <summary>Opens a scope that frees the tensors created inside it; see <see cref="DisposeScope"/>.</summary>
    public static DisposeScope NewDisposeScope() => new();

    /// <summary>Disables gradient recording on this thread until disposed.</summary>
    public static GradMode no_grad() => new(false);

    public static GradMode enable_grad() => new(true);

    public static GradMode set_grad_enabled(bool enabled) => new(enabled);

    public static bool is_grad_enabled() => GradMode.IsEnabled;

    /// <summary>Seeds the global generators (CPU, and CUDA when present).</summary>
    public static void manual_seed(ulong seed) => TorchException.Check(NativeMethods.igt_manual_seed(seed));

    public static int get_num_threads() => NativeMethods.igt_get_num_threads();

    public static void set_num_threads(int threads)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "must be at least 1");
        TorchException.Check(NativeMethods.igt_set_num_threads(threads));
    }

    public static int get_num_interop_threads() => NativeMethods.igt_get_num_interop_threads();

    public static void set_num_interop_threads(int threads) => TorchException.Check(NativeMethods.igt_set_num_interop_threads(threads));

    /// <summary>Whether scaled_dot_product_attention runs libtorch's fused kernel (libtorch ≥ 2.0).</summary>
    public static bool has_fused_attention => NativeMethods.igt_has_fused_attention() != 0;

    /// <summary>Scales the gradients so their joint norm is at most max_norm (torch.nn.utils.clip_grad_norm_); returns the norm before clipping.</summary>
    public static unsafe double clip_grad_norm_(IReadOnlyList<Tensor> parameters, double max_norm, double norm_type = 2.0)
    {
        var handles = Tensor.RawHandles(parameters);
        double total;
        fixed (IntPtr* p = handles) TorchException.Check(NativeMethods.igt_clip_grad_norm(p, handles.Length, max_norm, norm_type, out total));
        GC.KeepAlive(parameters);
        return total;
    }
}
