namespace InstructGpt.Memory.Bench;

/// <summary>
/// The process's resident set, sampled every N steps after a warm-up, and the verdict: flat when no later sample rises
/// more than the tolerance above the first (allocator pools and caches fill during the warm-up; a leak grows with
/// steps, so growth is what fails; the allocator handing memory back shows as a fall and does not).
/// </summary>
internal sealed class ResidentSet(long warmupSteps, long every)
{
    private readonly List<(long step, long bytes)> samples = [];
    private readonly List<long> managed = [];
    private readonly List<(long Mapped, long InUse)> native = [];

    public IReadOnlyList<(long step, long bytes)> Samples => samples;

    public void Observe(long step)
    {
        if (step < warmupSteps || (step - warmupSteps) % every != 0) return;
        Sample(step);
    }

    public void Sample(long step)
    {
        samples.Add((step, Current()));
        managed.Add(GC.GetGCMemoryInfo().HeapSizeBytes);
        native.Add(NativeHeap.Current());
    }

    /// <summary>VmRSS from /proc/self/status, in bytes.</summary>
    public static long Current()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0]) * 1024;
        throw new InvalidOperationException("/proc/self/status has no VmRSS line");
    }

    /// <summary>(last − first) / first over the samples after the warm-up.</summary>
    public double Growth => samples.Count < 2 ? 0 : (double)(samples[^1].bytes - samples[0].bytes) / samples[0].bytes;

    public double MaxAboveFirst => samples.Count < 2 ? 0 : (double)(samples.Max(s => s.bytes) - samples[0].bytes) / samples[0].bytes;

    public bool IsFlat(double tolerance) => MaxAboveFirst <= tolerance;

    public string Report(string what, double tolerance)
    {
        static string Mib(long bytes) => $"{bytes / 1048576.0:F0}";
        var verdict = IsFlat(tolerance) ? "flat" : "NOT flat";
        return $"{what}: RSS {Mib(samples[0].bytes)} MiB at step {samples[0].step} -> {Mib(samples[^1].bytes)} MiB at step {samples[^1].step} " +
               $"(growth {Growth:+0.0%;-0.0%}, peak {MaxAboveFirst:+0.0%;-0.0%} above the first sample; {verdict} within {tolerance:0%})\n" +
               "  samples (step:MiB resident/.NET heap/malloc mapped/malloc in use): " +
               string.Join(" ", samples.Select((s, i) => $"{s.step}:{Mib(s.bytes)}/{Mib(managed[i])}/{Mib(native[i].Mapped)}/{Mib(native[i].InUse)}"));
    }
}
