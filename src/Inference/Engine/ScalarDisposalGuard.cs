using System.Reflection;
using System.Runtime.InteropServices;
using TorchSharp;

namespace InstructGpt.Inference.Engine;

/// <summary>
/// Keeps TorchSharp's native Scalars allocated until every call that may read them has started.
/// <para>
/// TorchSharp 0.107 turns every .NET number it hands to libtorch (<c>x * 0.5</c>, <c>masked_fill(m, -inf)</c>, the
/// optimizers' <c>add_(g, alpha)</c>) into a <see cref="Scalar"/>: a .NET object owning a native c10::Scalar that only
/// its finalizer frees (dispose scopes track tensors, not Scalars). Its methods read the handle and call libtorch
/// without keeping the object alive, so in optimized code the object is garbage as soon as the handle is read. When
/// another thread starts a collection during the call, the finalizer thread can free the c10::Scalar before libtorch
/// reads it. Measured here (2 threads allocating, one calling <c>masked_fill</c> with <c>double.NegativeInfinity</c>):
/// 38 of 300,057 calls failed with "Expected false to be true" from c10::Scalar::toFloat, and 61 of 420,828 calls of
/// <c>x * 0.5 + 1.0</c>; a CI run of our tests failed the same way while pretraining. With the freed memory reused
/// first, the call would silently read another Scalar's value. Upstream: dotnet/TorchSharp pull requests 1434 and 1496
/// (dispose implicitly created Scalars), open at the time of writing.
/// </para>
/// <para>
/// The fix sits below TorchSharp so that its own operators and optimizers are covered too: a small native library
/// (<c>scalar_disposal_guard.c</c>, built next to libLibTorchSharp.so by the build) exports TorchSharp's
/// <c>THSTorch_dispose_scalar</c>, queues each Scalar, and frees it two seconds later; every other function resolves
/// to TorchSharp's library, which the guard loads as its dependency. <see cref="Install"/> points TorchSharp's
/// P/Invokes at the guard. It must run before TorchSharp's first native call, which is why this assembly's module
/// initializer, each host's first line and each test assembly's module initializer reach it. With the guard the
/// measurement above gave no failures.
/// </para>
/// </summary>
public static class ScalarDisposalGuard
{
    /// <summary>The guard's file, next to libLibTorchSharp.so (build/native-shims-step.sh).</summary>
    public const string LibraryFileName = "libInstructGptScalarGuard.so";

    private const string TorchSharpLibraryName = "LibTorchSharp";

    private static readonly object Gate = new();
    private static bool installAttempted;
    private static IntPtr guardHandle;

    /// <summary>Why the guard is not in place, or null when <see cref="Install"/> found it.</summary>
    public static string? Problem { get; private set; }

    /// <summary>The full path of the guard library in use, or null.</summary>
    public static string? LibraryPath { get; private set; }

    /// <summary>
    /// Routes TorchSharp's native calls through the guard. Idempotent; never throws: where the guard cannot be used
    /// (not Linux, library missing, another resolver registered first) <see cref="Problem"/> says why and TorchSharp
    /// runs as shipped.
    /// </summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (installAttempted) return;
            installAttempted = true;
            if (!OperatingSystem.IsLinux())
            {
                Problem = "the guard is built for Linux only";
                return;
            }
            LibraryPath = NativeShims.Find(LibraryFileName);
            if (LibraryPath is null)
            {
                Problem = $"{LibraryFileName} was not found next to libLibTorchSharp.so; build with build/native-shims-step.sh";
                return;
            }
            try
            {
                NativeLibrary.SetDllImportResolver(typeof(torch).Assembly, Resolve);
            }
            catch (InvalidOperationException)
            {
                Problem = "another component registered a native library resolver for TorchSharp first";
                LibraryPath = null;
            }
        }
    }

    /// <summary>
    /// Whether Scalars disposed now go through the guard: disposes one and checks the guard counted it. False when
    /// <see cref="Install"/> ran after TorchSharp had already bound its disposal function.
    /// </summary>
    public static bool IsActive
    {
        get
        {
            if (LibraryPath is null) return false;
            var before = Counts().Deferred;
            1.0.ToScalar().Dispose();
            return Counts().Deferred > before;
        }
    }

    /// <summary>How many Scalars the guard has queued and how many it has freed since the process started.</summary>
    public static unsafe (ulong Deferred, ulong Released) Counts()
    {
        if (LibraryPath is null) return (0, 0);
        var handle = LoadGuard();
        var counts = (delegate* unmanaged<ulong*, ulong*, void>)NativeLibrary.GetExport(handle, "InstructGpt_scalar_guard_counts");
        ulong deferred, released;
        counts(&deferred, &released);
        return (deferred, released);
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == TorchSharpLibraryName ? LoadGuard() : IntPtr.Zero;

    private static IntPtr LoadGuard()
    {
        lock (Gate)
        {
            if (guardHandle == IntPtr.Zero) guardHandle = NativeLibrary.Load(LibraryPath!);
            return guardHandle;
        }
    }
}
