using System.Diagnostics;
using InstructGpt.Training.Runs;

namespace InstructGpt.Training.Bench;

/// <summary>
/// OptimizationLoop's progress sink, called synchronously once per finished step: the time between two reports is
/// everything one step of the loop does (schedule, batch, forward, loss, backward, clip, AdamW, zero_grad, metrics line).
/// It also reads the process's CPU time (all threads), which other processes on a shared machine distort far less
/// than wall time.
/// </summary>
internal sealed class StepClock : IProgress<StageProgress>
{
    private readonly List<long> timestamps = [];
    private readonly List<TimeSpan> cpuTimes = [];
    private readonly Process process = Process.GetCurrentProcess();

    public void Report(StageProgress value)
    {
        timestamps.Add(Stopwatch.GetTimestamp());
        process.Refresh();
        cpuTimes.Add(process.TotalProcessorTime);
    }

    /// <summary>Seconds of steps 1…n−1: the first step has no report before it and is left out.</summary>
    public double[] StepSeconds() =>
        Enumerable.Range(1, timestamps.Count - 1).Select(i => Stopwatch.GetElapsedTime(timestamps[i - 1], timestamps[i]).TotalSeconds).ToArray();

    /// <summary>CPU seconds of the process over the same steps.</summary>
    public double CpuSeconds() => (cpuTimes[^1] - cpuTimes[0]).TotalSeconds;
}
