using System.Diagnostics;
using System.Globalization;

namespace InstructGpt.Bench.Torch;

/// <summary>
/// Times one case: a few warm-up calls, then <c>repeats</c> timed samples, each the value one call
/// of the sample function returns. The machine is shared, so each attempt also records how much of
/// the CPU other processes took meanwhile (/proc/stat minus this process's own CPU time); an
/// attempt during which others took more than <see cref="QuietPercent"/> is repeated, up to
/// <see cref="MaxAttempts"/> times, and the quietest attempt is reported. Before each attempt it
/// waits (up to <see cref="QuietWaitSeconds"/>) for a quarter second in which others stay under that
/// share. bench/peers/torch_peer.py and bench/native/main.cpp do exactly the same.
/// </summary>
internal static class Measure
{
    public const string Impl = "csharp";
    public static int MaxAttempts { get; set; } = 3;
    public static double QuietWaitSeconds { get; set; } = 5;
    public const double QuietPercent = 10;

    /// <summary>OpenBLAS keeps its own thread pool, sized by OPENBLAS_NUM_THREADS (default: one per core).</summary>
    private static readonly string Blas = Environment.GetEnvironmentVariable("OPENBLAS_NUM_THREADS") is { Length: > 0 } v ? v : "default";

    public static void Run(string name, int threads, string unit, int repeats, int warmup, Func<double> sample)
    {
        for (var i = 0; i < warmup; i++) sample();
        double[]? best = null;
        var bestOthers = double.MaxValue;
        var attempts = 0;
        while (attempts < MaxAttempts)
        {
            attempts++;
            WaitQuiet();
            var before = CpuSnapshot.Take();
            var samples = new double[repeats];
            for (var r = 0; r < repeats; r++) samples[r] = sample();
            var others = CpuSnapshot.OthersPercent(before, CpuSnapshot.Take());
            if (others < bestOthers) (best, bestOthers) = (samples, others);
            if (others <= QuietPercent) break;
        }
        Report(name, threads, unit, best!, bestOthers, attempts);
    }

    /// <summary>Returns at the end of the first 250 ms in which other processes stayed quiet, or after QuietWaitSeconds.</summary>
    private static void WaitQuiet()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed.TotalSeconds < QuietWaitSeconds)
        {
            var a = CpuSnapshot.Take();
            Thread.Sleep(250);
            if (CpuSnapshot.OthersPercent(a, CpuSnapshot.Take()) <= QuietPercent) return;
        }
    }

    private static void Report(string name, int threads, string unit, double[] samples, double others, int attempts)
    {
        static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
        var sorted = samples.Order().ToArray();
        var median = sorted.Length % 2 == 1
            ? sorted[sorted.Length / 2]
            : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        Console.WriteLine($"RESULT impl={Impl} case={name} threads={threads} blas={Blas} median={F(median)} unit={unit} " +
                          $"min={F(sorted[0])} max={F(sorted[^1])} n={sorted.Length} others={others:F0} attempts={attempts} " +
                          $"samples={string.Join(',', samples.Select(F))}");
    }
}

/// <summary>CPU time of the whole machine and of this process, in clock ticks, from /proc.</summary>
internal readonly record struct CpuSnapshot(long Total, long Idle, long Own)
{
    public static CpuSnapshot Take()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long F(int i) => long.Parse(cpu[i], CultureInfo.InvariantCulture);
        var total = F(1) + F(2) + F(3) + F(4) + F(5) + F(6) + F(7) + F(8); // user..steal
        var idle = F(4) + F(5); // idle + iowait
        // /proc/self/stat: the fields after "(comm)" start with state (field 3); utime, stime are 14, 15.
        var self = File.ReadAllText("/proc/self/stat");
        var rest = self[(self.LastIndexOf(')') + 2)..].Split(' ');
        var own = long.Parse(rest[11], CultureInfo.InvariantCulture) + long.Parse(rest[12], CultureInfo.InvariantCulture);
        return new(total, idle, own);
    }

    /// <summary>Share of the machine's CPU (0–100) that other processes used between the two snapshots.</summary>
    public static double OthersPercent(CpuSnapshot a, CpuSnapshot b)
    {
        var total = b.Total - a.Total;
        if (total <= 0) return 0;
        var others = total - (b.Idle - a.Idle) - (b.Own - a.Own);
        return Math.Clamp(100.0 * others / total, 0, 100);
    }
}
