using System.Globalization;

namespace InstructGpt.Training.Bench;

/// <summary>The result lines, KEY=VALUE after a tag, in the same format as the peer's so the driver reads both alike.</summary>
internal static class ResultLines
{
    /// <summary>
    /// tok_s counts every position of the padded batch (B × T); trained_tok_s the tokens the loss covers (the stage's
    /// tokens_per_second); cpu_s is the process's CPU time (all threads) over the timed steps; step_ms lists each step.
    /// </summary>
    public static string Round(string workload, RoundResult round) => string.Create(CultureInfo.InvariantCulture,
        $"TRAIN impl=ours workload={workload} steps={round.StepSeconds.Length} seconds={round.Seconds:F4} positions={round.Positions.Sum()} " +
        $"trained={round.TrainedTokens.Sum()} step_ms_median={1000 * PhaseProfile.Median(round.StepSeconds):F2} " +
        $"tok_s={round.Positions.Sum() / round.Seconds:F1} trained_tok_s={round.TrainedTokens.Sum() / round.Seconds:F1} cpu_s={round.CpuSeconds:F4} " +
        $"step_ms={string.Join(',', round.StepSeconds.Select(s => (1000 * s).ToString("F2", CultureInfo.InvariantCulture)))}");

    public static string Profile(string workload, int steps, IReadOnlyDictionary<string, double> phases) => string.Create(CultureInfo.InvariantCulture,
        $"PROFILE impl=ours workload={workload} steps={steps} {string.Join(' ', PhaseProfile.Phases.Select(p => $"{p}_ms={phases[p]:F2}"))}");

    public static string Stats() => string.Create(CultureInfo.InvariantCulture, $"STATS impl=ours peak_rss_mb={ProcessMemory.PeakResidentMegabytes():F1}");
}
