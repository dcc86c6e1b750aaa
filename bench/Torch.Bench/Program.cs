// Foundation benchmarks of the tensor engine (TorchSharp over libtorch 2.10). The same cases, with the same sizes and the same
// output format, are in bench/peers/torch_peer.py (PyTorch) and bench/native (libtorch C++), so
// bench/compare.py can line them up; bench/run-torch-bench.sh runs them all.
//
//   Torch.Bench [all|add|matmul|mlp|threads|add-breakdown]... [--repeats-scale X] [--max-attempts N] [--quiet-wait SECONDS]
//
// Output: one "RESULT impl=csharp case=... threads=... blas=... median=... unit=... min=... max=...
// n=... others=... attempts=... samples=..." line per case (see Measure.cs), plus comments ('#').
using System.Diagnostics;
using System.Globalization;
using InstructGpt.Bench.Torch;
using InstructGpt.Inference.Engine;
using TorchSharp;
using TorchSharp.Modules;
using F = TorchSharp.torch.nn.functional;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
const string Usage = "usage: Torch.Bench [all|add|matmul|mlp|threads|add-breakdown]... [--repeats-scale X] [--max-attempts N] [--quiet-wait SECONDS]";

var cases = new List<string>();
var scale = 1.0;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--repeats-scale" when i + 1 < args.Length:
            scale = double.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--max-attempts" when i + 1 < args.Length:
            Measure.MaxAttempts = Math.Max(1, int.Parse(args[++i], CultureInfo.InvariantCulture));
            break;
        case "--quiet-wait" when i + 1 < args.Length:
            Measure.QuietWaitSeconds = Math.Max(0, double.Parse(args[++i], CultureInfo.InvariantCulture));
            break;
        case "all" or "add" or "matmul" or "mlp" or "threads" or "add-breakdown":
            cases.Add(args[i]);
            break;
        case "-h" or "--help":
            Console.WriteLine(Usage);
            return 0;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}'\n{Usage}");
            return 2;
    }
}
if (cases.Count == 0) cases = ["all"];
cases = cases.SelectMany(c => c == "all" ? ["add", "matmul", "mlp", "threads"] : new[] { c }).Distinct().ToList();

// As the project's hosts do: OpenMP's passive wait set before libtorch loads, INSTRUCTGPT_NUM_THREADS if given.
TorchRuntime.Initialize();
torch.set_default_device(torch.CPU);
var defaultThreads = torch.get_num_threads();
Console.WriteLine($"# csharp: {TorchRuntime.Description}, .NET {Environment.Version}, " +
                  $"torch.get_num_threads()={defaultThreads}, Environment.ProcessorCount={Environment.ProcessorCount}, " +
                  $"OMP_WAIT_POLICY={Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") ?? "(unset)"}");

int Repeats(int n) => Math.Max(3, (int)Math.Round(n * scale));

foreach (var name in cases)
{
    switch (name)
    {
        case "add":
            Cases.Add(Repeats(7), defaultThreads);
            break;
        case "matmul":
            Cases.Matmul("matmul", Repeats(40), defaultThreads);
            break;
        case "mlp":
            Cases.Mlp("mlp", Repeats(12), defaultThreads);
            break;
        case "add-breakdown":
            AddBreakdown.Run(Repeats(7), defaultThreads);
            break;
        case "threads":
            foreach (var threads in new[] { 1, 2 })
            {
                torch.set_num_threads(threads);
                Cases.Matmul("matmul_threads", Repeats(40), threads);
                Cases.Mlp("mlp_threads", Repeats(12), threads);
            }
            torch.set_num_threads(defaultThreads);
            break;
    }
}
return 0;

internal static class Cases
{
    /// <summary>(a) Per-op overhead: 100,000 adds of two 16-element float32 tensors, a dispose scope per 1,000.</summary>
    public static void Add(int repeats, int threads)
    {
        const int ops = 100_000, perScope = 1_000;
        using var a = torch.randn(16);
        using var b = torch.randn(16);
        // Two warm-up passes: JIT tiers, libtorch's allocator and dispatcher caches.
        Measure.Run("add", threads, "ns/op", repeats, warmup: 2, () =>
        {
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < ops; i += perScope)
            {
                using var scope = torch.NewDisposeScope();
                for (var j = 0; j < perScope; j++) _ = a.add(b);
            }
            return sw.Elapsed.TotalNanoseconds / ops;
        });
    }

    /// <summary>(b) 1024×1024 float32 matmul, as GFLOP/s (2·n³ flops).</summary>
    public static void Matmul(string name, int repeats, int threads)
    {
        const int n = 1024;
        const double flops = 2.0 * n * n * n;
        using var a = torch.randn(n, n);
        using var b = torch.randn(n, n);
        // Warm-up: the first ~10 products here run ~15% slower (OpenBLAS's threads and the
        // allocator settling), so 20 untimed ones come first, as in the Python and C++ peers.
        Measure.Run(name, threads, "GFLOP/s", repeats, warmup: 20, () =>
        {
            var sw = Stopwatch.StartNew();
            using (a.matmul(b)) { }
            return flops / sw.Elapsed.TotalSeconds / 1e9;
        });
    }

    /// <summary>
    /// (c) GPT-style MLP block, forward and backward: x [8, 256, 384] (requires grad, as inside a
    /// network) → Linear(384→1536) → GELU(tanh) → Linear(1536→384) → sum → backward. Gradients are
    /// reset to none before each step, so every step does the same work.
    /// </summary>
    public static void Mlp(string name, int repeats, int threads)
    {
        const int batch = 8, tokens = 256, width = 384, hidden = 4 * width;
        torch.manual_seed(1234);
        using var fc = torch.nn.Linear(width, hidden);
        using var proj = torch.nn.Linear(hidden, width);
        using var x = torch.randn(new long[] { batch, tokens, width }, requires_grad: true);
        Measure.Run(name, threads, "ms/iter", repeats, warmup: 5, () =>
        {
            var sw = Stopwatch.StartNew();
            using (torch.NewDisposeScope())
            {
                fc.zero_grad();
                proj.zero_grad();
                x.grad = null;
                var y = proj.forward(F.gelu(fc.forward(x), GELU.Approximate.tanh));
                y.sum().backward();
            }
            return sw.Elapsed.TotalMilliseconds;
        });
    }
}
