using System.Runtime.InteropServices;

namespace InstructGpt.Inference.Engine;

/// <summary>
/// Lets Intel oneMKL, which libtorch's CPU build uses for matrix products, run its AVX2/AVX-512 kernels on x86 CPUs that
/// are not Intel's.
/// <para>
/// oneMKL picks its kernels from the instruction sets the CPU reports and from whether the vendor is Intel; on AMD it
/// falls back to generic ones. Measured on this project's AMD EPYC machine (CPU family 26, AVX-512) with 2 threads: a [32 × 768] ×
/// [768 × 3072] float32 product ran at 64–77 GFLOP/s, 0.5–0.6× Debian's OpenBLAS, and at 228–274 GFLOP/s with the
/// vendor check answered "Intel" (docs/benchmarks.md, "Matrix products on AMD CPUs"). The answer comes from
/// <c>mkl_intel_dispatch.c</c>, built next to TorchSharp's library as <see cref="LibraryFileName"/>: it defines
/// oneMKL's <c>mkl_serv_intel_cpu_true</c>, which libtorch_cpu.so exports and calls through its procedure linkage
/// table, so a definition already in the global symbol scope when libtorch loads is the one it binds.
/// <see cref="Enable"/> loads it with RTLD_GLOBAL before TorchSharp loads libtorch. oneMKL still checks the instruction
/// sets itself, so a CPU without AVX-512 or AVX2 keeps the kernels it supports.
/// </para>
/// <para>
/// Applied on Linux x86-64 when the CPU's vendor is not Intel (on Intel CPUs oneMKL already takes these kernels).
/// <c>INSTRUCTGPT_MKL_DISPATCH=off</c> keeps oneMKL's own choice.
/// </para>
/// </summary>
public static class MklCpuDispatch
{
    /// <summary>The library's file, next to libLibTorchSharp.so (build/native-shims-step.sh).</summary>
    public const string LibraryFileName = "libInstructGptMklDispatch.so";

    /// <summary>Set to "off" to leave oneMKL's vendor check as it is.</summary>
    public const string EnvironmentVariable = "INSTRUCTGPT_MKL_DISPATCH";

    private const string VendorCheck = "mkl_serv_intel_cpu_true";
    private const int RtldNow = 0x2, RtldNoLoad = 0x4, RtldGlobal = 0x100;

    private static readonly object Gate = new();
    private static bool attempted;
    private static IntPtr handle;

    /// <summary>The CPU vendor from /proc/cpuinfo (e.g. "AuthenticAMD"), or null where it cannot be read.</summary>
    public static string? CpuVendor { get; private set; }

    /// <summary>Why the library was not loaded although the CPU would need it, or null (loaded, or not needed).</summary>
    public static string? Problem { get; private set; }

    /// <summary>Whether <see cref="Enable"/> loaded the library.</summary>
    public static bool Loaded => handle != IntPtr.Zero;

    /// <summary>
    /// Loads the library into the global symbol scope where the CPU needs it. Idempotent; never throws. Must run before
    /// libtorch loads: afterwards libtorch may already have bound oneMKL's own vendor check, and <see cref="Problem"/>
    /// says so.
    /// </summary>
    public static void Enable()
    {
        lock (Gate)
        {
            if (attempted) return;
            attempted = true;
            if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64) return;
            CpuVendor = ReadCpuVendor();
            if (CpuVendor is null or "GenuineIntel") return;
            if (string.Equals(Environment.GetEnvironmentVariable(EnvironmentVariable), "off", StringComparison.OrdinalIgnoreCase)) return;
            if (dlopen("libtorch_cpu.so", RtldNow | RtldNoLoad) != IntPtr.Zero)
            {
                Problem = "libtorch was loaded before the library could be";
                return;
            }
            var path = NativeShims.Find(LibraryFileName);
            if (path is null)
            {
                Problem = $"{LibraryFileName} was not found next to libLibTorchSharp.so; build with build/native-shims-step.sh";
                return;
            }
            handle = dlopen(path, RtldNow | RtldGlobal);
            if (handle == IntPtr.Zero) Problem = $"{path} could not be loaded";
        }
    }

    /// <summary>
    /// Whether a call to oneMKL's vendor check from libtorch lands in the library: the first definition in the global
    /// scope, which libtorch's relocations search before its own, is ours.
    /// </summary>
    public static bool IsActive => Loaded && dlsym(IntPtr.Zero, VendorCheck) is var global && global != IntPtr.Zero && global == dlsym(handle, VendorCheck);

    private static string? ReadCpuVendor()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
                if (line.StartsWith("vendor_id", StringComparison.Ordinal) && line.IndexOf(':') is var colon and > 0)
                    return line[(colon + 1)..].Trim();
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }

    [DllImport("libc", EntryPoint = "dlopen")]
    private static extern IntPtr dlopen([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "dlsym")]
    private static extern IntPtr dlsym(IntPtr library, [MarshalAs(UnmanagedType.LPUTF8Str)] string name);
}
