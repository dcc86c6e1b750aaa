using System.Diagnostics;
using System.Globalization;
using InstructGpt.Inference.Engine;
using TorchSharp;

namespace InstructGpt.Inference.Bench;

/// <summary>
/// float32 matrix products at the model's shapes, timed alone: what libtorch's BLAS (oneMKL) does for a layer. Used by
/// bench/run-matmul-bench.sh to compare oneMKL's kernels with and without MklCpuDispatch, and with the peer
/// (bench/peers/matmul_peer.py, the same shapes and timing in plain PyTorch). One line per shape:
/// "M K N median_ms gflops".
/// </summary>
internal static class MatMulBench
{
    /// <summary>The shapes: the small preset's attention and MLP projections and LM head at decode batch 32, and batch 1.</summary>
    public static readonly (int M, int K, int N)[] Shapes = [(32, 768, 3072), (32, 3072, 768), (32, 768, 50257), (1, 768, 3072), (2048, 256, 1024)];

    public static void Run(int threads)
    {
        TorchRuntime.Initialize();
        torch.set_num_threads(threads);
        Console.WriteLine($"# ours: {TorchRuntime.Description}, threads {torch.get_num_threads()}, CPU {MklCpuDispatch.CpuVendor ?? "?"}, " +
                          $"oneMKL vendor check answered: {MklCpuDispatch.IsActive}");
        using var noGrad = torch.no_grad();
        foreach (var (m, k, n) in Shapes)
        {
            using var a = torch.randn(m, k);
            using var b = torch.randn(k, n);
            var calls = Math.Max(5, (int)(2e9 / (2.0 * m * k * n))); // about 2 GFLOP per repeat
            for (var w = 0; w < 3; w++) torch.matmul(a, b).Dispose();
            var times = new List<double>();
            for (var repeat = 0; repeat < 7; repeat++)
            {
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < calls; i++) torch.matmul(a, b).Dispose();
                times.Add(clock.Elapsed.TotalMilliseconds / calls);
            }
            times.Sort();
            var ms = times[times.Count / 2];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{m} {k} {n} {ms:0.0000} {2.0 * m * k * n / ms / 1e6:0.0}"));
        }
    }
}
