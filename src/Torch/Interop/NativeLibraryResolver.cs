using System.Reflection;
using System.Runtime.InteropServices;

namespace InstructGpt.Torch.Interop;

/// <summary>
/// Finds libinstructgpt_native.so: first where INSTRUCTGPT_NATIVE points (a file or a folder, for
/// example a CUDA build of the shim), then beside this assembly, then beside the application.
/// </summary>
internal static class NativeLibraryResolver
{
    public const string EnvironmentVariable = "INSTRUCTGPT_NATIVE";
    private const string FileName = "libinstructgpt_native.so";
    private static int registered;

    public static void EnsureRegistered()
    {
        if (Interlocked.Exchange(ref registered, 1) == 0)
            NativeLibrary.SetDllImportResolver(typeof(NativeLibraryResolver).Assembly, Resolve);
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != NativeMethods.Library) return IntPtr.Zero;
        var candidates = Candidates().ToList();
        foreach (var path in candidates)
            if (File.Exists(path))
            {
                PrepareOpenMp();
                return NativeLibrary.Load(path);
            }
        throw new DllNotFoundException(
            $"{FileName} was not found. Looked in: {string.Join(", ", candidates)}. " +
            $"Build it with 'dotnet build' (needs libtorch: run scripts/setup.sh), or set {EnvironmentVariable} " +
            "to the shim's path.");
    }

    /// <summary>
    /// libtorch's OpenMP runtime reads OMP_WAIT_POLICY once, when it loads with the shim. Its default (active
    /// spinning) made batched decode 4–6× slower on 2 cores, where spinning threads steal the core OpenBLAS needs
    /// (docs/benchmarks.md), so "passive" is set unless the user chose a policy. It must go into the process's
    /// native environment: Environment.SetEnvironmentVariable does not reach native code on Unix.
    /// </summary>
    private static void PrepareOpenMp()
    {
        if (Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is null && OperatingSystem.IsLinux())
            setenv("OMP_WAIT_POLICY", "passive", 0);
    }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int setenv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);

    private static IEnumerable<string> Candidates()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            yield return Directory.Exists(configured) ? Path.Combine(configured, FileName) : configured;
            yield break; // an explicit choice must not silently fall back to another build
        }
        var assemblyDirectory = Path.GetDirectoryName(typeof(NativeLibraryResolver).Assembly.Location);
        if (!string.IsNullOrEmpty(assemblyDirectory)) yield return Path.Combine(assemblyDirectory, FileName);
        yield return Path.Combine(AppContext.BaseDirectory, FileName);
    }
}
