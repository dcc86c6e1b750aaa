namespace InstructGpt.Api.Jobs;

/// <summary>One point of a job's progress series.</summary>
/// <param name="ElapsedSeconds">Since the stage (re)started.</param>
/// <param name="RecordedAt">Unix seconds.</param>
public sealed record JobMetricsEntry(string Stage, long Step, long TotalSteps, double? Loss, IReadOnlyDictionary<string, double> Metrics, double ElapsedSeconds, double RecordedAt);
