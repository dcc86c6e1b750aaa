using System.Diagnostics;
using System.Runtime.InteropServices;
using TorchSharp;

namespace InstructGpt.Bench.Torch;

/// <summary>
/// Where the time of one small <c>a.add(b)</c> goes (a diagnostic, not one of the goals). It adds TorchSharp's
/// layers back one at a time, calling the same libLibTorchSharp.so that TorchSharp loads: first through raw
/// function pointers, then through TorchSharp's Tensor with a reused alpha, then as user code writes it. Each
/// row's difference from the previous one is one layer's cost.
/// </summary>
internal static unsafe class AddBreakdown
{
    private const int Ops = 100_000;

    public static void Run(int repeats, int threads)
    {
        using var a = torch.randn(16);
        using var b = torch.randn(16);
        // TorchSharp has loaded its native library by now; bind to the same copy of it.
        var library = NativeLibrary.Load(LoadedTorchSharpLibrary());
        var add = (delegate* unmanaged<IntPtr, IntPtr, IntPtr, IntPtr>)NativeLibrary.GetExport(library, "THSTensor_add");
        var dispose = (delegate* unmanaged<IntPtr, void>)NativeLibrary.GetExport(library, "THSTensor_dispose");
        var ndimension = (delegate* unmanaged<IntPtr, long>)NativeLibrary.GetExport(library, "THSTensor_ndimension");
        var toScalar = (delegate* unmanaged<int, IntPtr>)NativeLibrary.GetExport(library, "THSTorch_int32_to_scalar");
        var disposeScalar = (delegate* unmanaged<IntPtr, void>)NativeLibrary.GetExport(library, "THSTorch_dispose_scalar");
        var ha = a.Handle;
        var hb = b.Handle;
        var alpha = toScalar(1);
        try
        {
            // 1. A native call that does almost nothing: the managed/native transition alone.
            // (100 times as many calls as the other rows, so that it runs long enough to time.)
            Measure.Run("add_breakdown.transition", threads, "ns/op", repeats, warmup: 2, () =>
            {
                var sw = Stopwatch.StartNew();
                long s = 0;
                for (var i = 0; i < 100 * Ops; i++) s += ndimension(ha);
                GC.KeepAlive(s);
                return sw.Elapsed.TotalNanoseconds / (100 * Ops);
            });
            // 2. libtorch's add plus TorchSharp's native wrapper (error capture, the at::Tensor box), no C# objects.
            Time("native_raw", repeats, threads, () =>
            {
                for (var i = 0; i < Ops; i++) dispose(add(ha, hb, alpha));
            });
            // 3. + TorchSharp's Tensor object (handle checks, dispose-scope bookkeeping), alpha passed in and reused.
            using var one = (Scalar)1;
            Time("torchsharp_using_alpha", repeats, threads, () =>
            {
                for (var i = 0; i < Ops; i++)
                    using (a.add(b, one)) { }
            });
            // 4. + a.add(b)'s own alpha: a native Scalar per call, left to the finalizer.
            Time("torchsharp_using", repeats, threads, () =>
            {
                for (var i = 0; i < Ops; i++)
                    using (a.add(b)) { }
            });
            // 5. The benchmarked case: results live in a dispose scope until 1,000 have accumulated.
            Time("torchsharp_scope", repeats, threads, () =>
            {
                for (var i = 0; i < Ops; i += 1_000)
                {
                    using var scope = torch.NewDisposeScope();
                    for (var j = 0; j < 1_000; j++) _ = a.add(b);
                }
            });
            // 6. The same without grad mode (libtorch still dispatches through its autograd layer).
            using (torch.no_grad())
                Time("torchsharp_scope_no_grad", repeats, threads, () =>
                {
                    for (var i = 0; i < Ops; i += 1_000)
                    {
                        using var scope = torch.NewDisposeScope();
                        for (var j = 0; j < 1_000; j++) _ = a.add(b);
                    }
                });
        }
        finally
        {
            disposeScalar(alpha);
        }
    }

    /// <summary>The path of the libLibTorchSharp.so this process has mapped (TorchSharp picks it from its runtimes folders).</summary>
    private static string LoadedTorchSharpLibrary() =>
        File.ReadLines("/proc/self/maps").Select(l => l.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 6).Select(f => f[5].Trim())
            .FirstOrDefault(p => Path.GetFileName(p) == "libLibTorchSharp.so")
        ?? throw new InvalidOperationException("libLibTorchSharp.so is not loaded");

    private static void Time(string name, int repeats, int threads, Action body) =>
        Measure.Run($"add_breakdown.{name}", threads, "ns/op", repeats, warmup: 2, () =>
        {
            var sw = Stopwatch.StartNew();
            body();
            return sw.Elapsed.TotalNanoseconds / Ops;
        });
}
