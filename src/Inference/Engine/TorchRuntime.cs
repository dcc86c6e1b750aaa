using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Engine;

/// <summary>
/// Process-wide engine settings, applied once before libtorch does any work: OpenMP's wait policy, the Scalar disposal
/// guard (<see cref="ScalarDisposalGuard"/>), the intra-op thread count, and the default device. Hosts call <see cref="Initialize"/> first thing; this assembly's module
/// initializer calls it too, so any use of the model classes gets the same settings.
/// </summary>
public static class TorchRuntime
{
    /// <summary>Overrides libtorch's intra-op thread count (default: one per core, measured best here; docs/benchmarks.md).</summary>
    public const string ThreadsEnvironmentVariable = "INSTRUCTGPT_NUM_THREADS";

    /// <summary>Overrides the default device: "cpu", "cuda" or "cuda:N".</summary>
    public const string DeviceEnvironmentVariable = "INSTRUCTGPT_DEVICE";

    private static int initialized;
    private static Device? defaultDevice;

    // A backstop for code that reaches the models without a host's Initialize call: libgomp reads the wait policy
    // once, when libtorch loads, libtorch binds oneMKL's vendor check when it loads, and TorchSharp binds its native
    // functions on their first call, so all three must be set before the first tensor (CA2255 warns against
    // initializers in libraries; this one sets an unset environment variable, loads a one-function native library and
    // registers TorchSharp's native library resolver).
#pragma warning disable CA2255
    [ModuleInitializer]
    internal static void InitializeOnLoad()
    {
        PrepareOpenMp();
        MklCpuDispatch.Enable();
        ScalarDisposalGuard.Install();
    }
#pragma warning restore CA2255

    /// <summary>Applies the settings once; later calls do nothing.</summary>
    public static void Initialize()
    {
        if (Interlocked.Exchange(ref initialized, 1) == 1) return;
        PrepareOpenMp();
        MklCpuDispatch.Enable();
        ScalarDisposalGuard.Install();
        KeepLargeBuffersInTheHeap();
        var configured = Environment.GetEnvironmentVariable(ThreadsEnvironmentVariable);
        if (string.IsNullOrWhiteSpace(configured)) return;
        if (!int.TryParse(configured, out var threads) || threads < 1)
            throw new InvalidOperationException($"{ThreadsEnvironmentVariable} must be a positive integer, got '{configured}'");
        torch.set_num_threads(threads);
    }

    /// <summary>
    /// Where models and tensors go when no device is named: INSTRUCTGPT_DEVICE if set, otherwise cuda:0 when CUDA is
    /// available, otherwise the CPU.
    /// </summary>
    public static Device DefaultDevice
    {
        get
        {
            Initialize();
            return defaultDevice ??= ChooseDefaultDevice();
        }
        set => defaultDevice = value;
    }

    /// <summary>TorchSharp's version and the libtorch it binds, e.g. "TorchSharp 0.107.0, libtorch 2.10.0".</summary>
    public static string Description =>
        $"TorchSharp {typeof(torch).Assembly.GetName().Version?.ToString(3)}, libtorch {string.Join('.', torch.__version__.Split('.').Take(3))}";

    private static Device ChooseDefaultDevice()
    {
        var configured = Environment.GetEnvironmentVariable(DeviceEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured)) return TorchDevices.Parse(configured);
        return torch.cuda.is_available() ? torch.device(DeviceType.CUDA, 0) : torch.CPU;
    }

    /// <summary>
    /// libgomp spins its idle threads by default ("active" waiting). On a 2-core machine the spinning threads
    /// compete with the decode loop: batched decode measured 4–6× slower. libgomp reads the variable when it loads,
    /// so it is set before TorchSharp loads libtorch, and only when the user has not chosen a policy.
    /// </summary>
    private static void PrepareOpenMp()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is not null) return;
        Environment.SetEnvironmentVariable("OMP_WAIT_POLICY", "passive");
        setenv("OMP_WAIT_POLICY", "passive", 0); // the native environment, which libgomp reads
        SetPassiveWaitPolicy = true;
    }

    /// <summary>Set to "default" to keep glibc malloc's own settings (see <see cref="KeepLargeBuffersInTheHeap"/>).</summary>
    public const string MallocEnvironmentVariable = "INSTRUCTGPT_MALLOC";

    /// <summary>Whether <see cref="Initialize"/> changed glibc malloc's settings.</summary>
    public static bool TunedMalloc { get; private set; }

    // mallopt parameters (glibc's malloc.h).
    private const int MallocTrimThreshold = -1, MallocMmapMax = -4, MallocArenaMax = -8;

    /// <summary>
    /// libtorch takes every CPU tensor from malloc. glibc serves a block above its mmap threshold (at most 32 MiB) with a
    /// fresh mmap and unmaps it on free, so every training step page-faults its largest tensors in again (the tiny
    /// preset's logits and their gradient are 33 MB each); freed heap memory is also trimmed back to the kernel. Measured
    /// here (docs/benchmarks.md, "Allocator"): the language-model loss over 16 × 128 × 4,096 logits took 61 ms forward
    /// and backward with glibc's defaults and 18–25 ms with mmap off and trimming above 1 GiB. So large blocks come
    /// from the heap and stay mapped for reuse, as PyTorch's CUDA caching allocator keeps GPU memory: the resident set
    /// stays at its high-water mark instead of following each step. One arena: with one per thread, a large block freed
    /// in one arena cannot serve a request from another thread's, and the resident set stepped up by one such block
    /// (36 MiB, +7%) at a random point in two of three 1,000-step training runs; with one arena, flat in every run
    /// (bench/Memory.Bench). INSTRUCTGPT_MALLOC=default keeps glibc's settings.
    /// </summary>
    private static void KeepLargeBuffersInTheHeap()
    {
        if (!OperatingSystem.IsLinux()) return;
        if (string.Equals(Environment.GetEnvironmentVariable(MallocEnvironmentVariable), "default", StringComparison.OrdinalIgnoreCase)) return;
        try
        {
            TunedMalloc = mallopt(MallocMmapMax, 0) == 1 & mallopt(MallocTrimThreshold, 1 << 30) == 1 & mallopt(MallocArenaMax, 1) == 1;
        }
        catch (EntryPointNotFoundException)
        {
            // Not glibc (e.g. musl): its allocator has no such settings.
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int parameter, int value);

    /// <summary>Whether this process found OMP_WAIT_POLICY unset and set it to passive.</summary>
    public static bool SetPassiveWaitPolicy { get; private set; }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int setenv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
