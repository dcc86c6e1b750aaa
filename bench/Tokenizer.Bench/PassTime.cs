using System.Diagnostics;

/// <summary>
/// How long one pass took: wall-clock seconds, and this process's CPU seconds (all threads), which stay the
/// single-core cost when other work shares the machine.
/// </summary>
internal readonly record struct PassTime(double WallSeconds, double CpuSeconds)
{
    public static PassTime Measure(Action pass)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        TimeSpan cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        pass();
        watch.Stop();
        process.Refresh();
        return new PassTime(watch.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpuBefore).TotalSeconds);
    }
}
