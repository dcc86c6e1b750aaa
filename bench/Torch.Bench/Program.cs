// Foundation benchmarks for InstructGpt.Torch. The same cases, with the same sizes and the same
// output format, are in bench/peers/torch_peer.py (PyTorch) and bench/native (libtorch C++), so
// bench/compare.py can line them up. Every figure is the median of several timed repeats.
//
//   Torch.Bench [all|add|matmul|mlp|threads]... [--repeats-scale X]
//
// Output: one "RESULT impl=... case=... threads=... median=... unit=... min=... max=... n=..." line
// per measurement, plus human-readable comments starting with '#'.
using System.Diagnostics;
using System.Globalization;
using InstructGpt.Torch;
using InstructGpt.Torch.Modules;
using F = InstructGpt.Torch.torch.nn.functional;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;

var cases = new List<string>();
var scale = 1.0;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--repeats-scale" when i + 1 < args.Length:
            scale = double.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "all" or "add" or "matmul" or "mlp" or "threads" or "add-breakdown":
            cases.Add(args[i]);
            break;
        case "-h" or "--help":
            Console.WriteLine("usage: Torch.Bench [all|add|matmul|mlp|threads|add-breakdown]... [--repeats-scale X]");
            return 0;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}'; try --help");
            return 2;
    }
}
if (cases.Count == 0) cases = ["all"];
cases = cases.SelectMany(c => c == "all" ? ["add", "matmul", "mlp", "threads"] : new[] { c }).Distinct().ToList();

torch.set_default_device(Device.CPU);
var defaultThreads = torch.get_num_threads();
Console.WriteLine($"# csharp: InstructGpt.Torch over libtorch {torch.version}, .NET {Environment.Version}, " +
                  $"torch.get_num_threads()={defaultThreads}, Environment.ProcessorCount={Environment.ProcessorCount}");

int Repeats(int n) => Math.Max(3, (int)Math.Round(n * scale));

foreach (var name in cases)
{
    switch (name)
    {
        case "add":
            Bench.Add(Repeats(7), defaultThreads);
            break;
        case "matmul":
            Bench.Matmul(Repeats(15), defaultThreads);
            break;
        case "mlp":
            Bench.Mlp(Repeats(10), defaultThreads);
            break;
        case "add-breakdown":
            AddBreakdown.Run(Repeats(7), defaultThreads);
            break;
        case "threads":
            foreach (var threads in new[] { 1, 2 })
            {
                torch.set_num_threads(threads);
                Bench.Matmul(Repeats(15), threads, label: $"threads={threads}");
                Bench.Mlp(Repeats(10), threads, label: $"threads={threads}");
            }
            torch.set_num_threads(defaultThreads);
            break;
    }
}
return 0;

internal static class Bench
{
    private const string Impl = "csharp";

    /// <summary>OpenBLAS keeps its own thread pool, sized by OPENBLAS_NUM_THREADS (default: one per core).</summary>
    private static readonly string Blas = Environment.GetEnvironmentVariable("OPENBLAS_NUM_THREADS") is { Length: > 0 } v ? v : "default";

    /// <summary>(a) Per-op overhead: 100,000 adds of two 16-element float32 tensors, a dispose scope per 1,000.</summary>
    public static void Add(int repeats, int threads)
    {
        const int ops = 100_000, perScope = 1_000;
        using var a = torch.randn([16]);
        using var b = torch.randn([16]);

        void Run()
        {
            for (var i = 0; i < ops; i += perScope)
            {
                using var scope = torch.NewDisposeScope();
                for (var j = 0; j < perScope; j++) _ = a.add(b);
            }
        }

        Run(); // warm-up: JIT tiers, libtorch's allocator and dispatcher caches
        Run();
        var samples = new double[repeats];
        for (var r = 0; r < repeats; r++)
        {
            var sw = Stopwatch.StartNew();
            Run();
            samples[r] = sw.Elapsed.TotalNanoseconds / ops;
        }
        Report("add", threads, samples, "ns/op");
    }

    /// <summary>(b) 1024×1024 float32 matmul, reported as GFLOP/s (2·n³ flops).</summary>
    public static void Matmul(int repeats, int threads, string? label = null)
    {
        const int n = 1024;
        const double flops = 2.0 * n * n * n;
        using var a = torch.randn([n, n]);
        using var b = torch.randn([n, n]);
        for (var i = 0; i < 3; i++) a.matmul(b).Dispose(); // warm-up (OpenBLAS threads, allocator)

        var samples = new double[repeats];
        for (var r = 0; r < repeats; r++)
        {
            var sw = Stopwatch.StartNew();
            using (a.matmul(b)) { }
            samples[r] = flops / sw.Elapsed.TotalSeconds / 1e9;
        }
        Report(label is null ? "matmul" : "matmul_threads", threads, samples, "GFLOP/s");
    }

    /// <summary>
    /// (c) GPT-style MLP block, forward and backward: x [8, 256, 384] (requires grad, as inside a
    /// network) → Linear(384→1536) → GELU(tanh) → Linear(1536→384) → sum → backward.
    /// </summary>
    public static void Mlp(int repeats, int threads, string? label = null)
    {
        const int batch = 8, tokens = 256, width = 384, hidden = 4 * width;
        torch.manual_seed(1234);
        using var fc = new Linear(width, hidden);
        using var proj = new Linear(hidden, width);
        using var x = torch.randn([batch, tokens, width], requires_grad: true);

        void Step()
        {
            using var scope = torch.NewDisposeScope();
            fc.zero_grad();
            proj.zero_grad();
            x.grad = null;
            var y = proj.forward(F.gelu(fc.forward(x), "tanh"));
            y.sum().backward();
        }

        for (var i = 0; i < 3; i++) Step();
        var samples = new double[repeats];
        for (var r = 0; r < repeats; r++)
        {
            var sw = Stopwatch.StartNew();
            Step();
            samples[r] = sw.Elapsed.TotalMilliseconds;
        }
        Report(label is null ? "mlp" : "mlp_threads", threads, samples, "ms/iter");
    }

    public static void Report(string name, int threads, double[] samples, string unit, string? extra = null)
    {
        static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
        var sorted = samples.Order().ToArray();
        var median = sorted.Length % 2 == 1
            ? sorted[sorted.Length / 2]
            : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        Console.WriteLine($"RESULT impl={Impl} case={name} threads={threads} blas={Blas} median={F(median)} unit={unit} " +
                          $"min={F(sorted[0])} max={F(sorted[^1])} n={sorted.Length} samples={string.Join(',', samples.Select(F))}" +
                          (extra is null ? "" : " " + extra));
    }
}
