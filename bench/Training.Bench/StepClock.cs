using System.Diagnostics;
using InstructGpt.Training.Runs;

namespace InstructGpt.Training.Bench;

/// <summary>
/// OptimizationLoop's progress sink, called synchronously once per finished step: the time between two reports is
/// everything one step of the loop does (schedule, batch, forward, loss, backward, clip, AdamW, zero_grad, metrics line).
/// </summary>
internal sealed class StepClock : IProgress<StageProgress>
{
    private readonly List<long> timestamps = [];

    public void Report(StageProgress value) => timestamps.Add(Stopwatch.GetTimestamp());

    /// <summary>Seconds of steps 1…n−1: the first step has no report before it and is left out.</summary>
    public double[] StepSeconds() =>
        Enumerable.Range(1, timestamps.Count - 1).Select(i => Stopwatch.GetElapsedTime(timestamps[i - 1], timestamps[i]).TotalSeconds).ToArray();
}
