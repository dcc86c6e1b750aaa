namespace InstructGpt.Training.Runs;

/// <summary>
/// One progress report from a training stage: what the CLI shows as a progress bar and the API as
/// job progress.
/// </summary>
public sealed record StageProgress(
    string Stage,
    long Step,
    long TotalSteps,
    double? Loss,
    IReadOnlyDictionary<string, double> Metrics,
    double TokensPerSecond,
    TimeSpan Elapsed,
    TimeSpan? Eta)
{
    public double Fraction => TotalSteps <= 0 ? 0 : Math.Clamp((double)Step / TotalSteps, 0, 1);
}
