using System.Diagnostics;
using System.Runtime.InteropServices;
using InstructGpt.Torch;
using InstructGpt.Torch.Bench;

/// <summary>
/// Where the time of one small <c>a.add(b)</c> goes (a diagnostic, not one of the goals). It adds
/// the binding's layers back one at a time, calling the same libinstructgpt_native.so the binding
/// loads: first through raw function pointers, then with the binding's SafeHandle marshalling, then
/// through the binding itself. Each row's difference from the previous one is one layer's cost.
/// </summary>
internal static unsafe class AddBreakdown
{
    private const int Ops = 100_000;
    private const string Shim = "libinstructgpt_native.so";

    public static void Run(int repeats, int threads)
    {
        var library = NativeLibrary.Load(Path.Combine(AppContext.BaseDirectory, Shim));
        var add = (delegate* unmanaged<IntPtr, IntPtr, Scalar, IntPtr>)NativeLibrary.GetExport(library, "igt_add");
        var free = (delegate* unmanaged<IntPtr, void>)NativeLibrary.GetExport(library, "igt_tensor_free");
        var ndim = (delegate* unmanaged<IntPtr, int>)NativeLibrary.GetExport(library, "igt_tensor_ndim");
        var randn = (delegate* unmanaged<long*, int, int, int, int, int, IntPtr, IntPtr>)NativeLibrary.GetExport(library, "igt_randn");

        long size = 16;
        var ra = randn(&size, 1, (int)DType.Float32, 0, 0, 0, IntPtr.Zero);
        var rb = randn(&size, 1, (int)DType.Float32, 0, 0, 0, IntPtr.Zero);
        using var ha = new BenchHandle(ra, owns: true);
        using var hb = new BenchHandle(rb, owns: true);
        using var a = torch.randn([16]);
        using var b = torch.randn([16]);
        Scalar one = 1;

        // 1. A native call that does nothing: the managed/native transition alone.
        // (100 times as many calls as the other rows, so that it runs long enough to time.)
        InstructGpt.Torch.Bench.Measure.Run("add_breakdown.transition", threads, "ns/op", repeats, warmup: 2, () =>
        {
            var sw = Stopwatch.StartNew();
            var s = 0;
            for (var i = 0; i < 100 * Ops; i++) s += ndim(ra);
            GC.KeepAlive(s);
            return sw.Elapsed.TotalNanoseconds / (100 * Ops);
        });
        // 2. libtorch's add plus the shim (try/catch, new/delete of the at::Tensor box), no C# objects.
        Measure("shim_raw", repeats, threads, () =>
        {
            for (var i = 0; i < Ops; i++) free(add(ra, rb, one));
        });
        // 3. + SafeHandle arguments (AddRef/Release around the call), as src/Torch/Interop passes them.
        Measure("safehandle_args", repeats, threads, () =>
        {
            for (var i = 0; i < Ops; i++) igt_tensor_free(igt_add_handle_args(ha, hb, one));
        });
        // 4. + a SafeHandle result: one finalizable object per tensor, released by Dispose.
        Measure("safehandle_result", repeats, threads, () =>
        {
            for (var i = 0; i < Ops; i++)
                using (igt_add(ha, hb, one)) { }
        });
        // 5. The binding: Tensor object, scope check, Dispose right away.
        Measure("binding_using", repeats, threads, () =>
        {
            for (var i = 0; i < Ops; i++)
                using (a.add(b)) { }
        });
        // 6. The benchmarked case: results live in a dispose scope until 1,000 have accumulated.
        Measure("binding_scope", repeats, threads, () =>
        {
            for (var i = 0; i < Ops; i += 1_000)
            {
                using var scope = torch.NewDisposeScope();
                for (var j = 0; j < 1_000; j++) _ = a.add(b);
            }
        });
        // 7. The same without grad mode (libtorch still dispatches through its autograd layer).
        using (torch.no_grad())
            Measure("binding_scope_no_grad", repeats, threads, () =>
            {
                for (var i = 0; i < Ops; i += 1_000)
                {
                    using var scope = torch.NewDisposeScope();
                    for (var j = 0; j < 1_000; j++) _ = a.add(b);
                }
            });
    }

    [DllImport(Shim)]
    private static extern BenchHandle igt_add(BenchHandle a, BenchHandle b, Scalar alpha);

    [DllImport(Shim, EntryPoint = "igt_add")]
    private static extern IntPtr igt_add_handle_args(BenchHandle a, BenchHandle b, Scalar alpha);

    [DllImport(Shim)]
    private static extern void igt_tensor_free(IntPtr t);

    /// <summary>The same SafeHandle as src/Torch/Interop/TensorHandle (which is internal to the binding).</summary>
    private sealed class BenchHandle : SafeHandle
    {
        public BenchHandle() : base(IntPtr.Zero, ownsHandle: true) { }

        public BenchHandle(IntPtr existing, bool owns) : base(IntPtr.Zero, owns) => SetHandle(existing);

        public override bool IsInvalid => handle == IntPtr.Zero;

        protected override bool ReleaseHandle()
        {
            igt_tensor_free(handle);
            return true;
        }
    }

    private static void Measure(string name, int repeats, int threads, Action body) =>
        InstructGpt.Torch.Bench.Measure.Run($"add_breakdown.{name}", threads, "ns/op", repeats, warmup: 2, () =>
        {
            var sw = Stopwatch.StartNew();
            body();
            return sw.Elapsed.TotalNanoseconds / Ops;
        });
}
