namespace InstructGpt.Api.Jobs;

/// <summary>One row of a job's progress series (<c>jobs_metrics</c>).</summary>
public sealed record JobMetricsPoint(string Stage, long Step, long TotalSteps, double? Loss, IReadOnlyDictionary<string, double> Metrics,
    double ElapsedSeconds, DateTimeOffset RecordedAt);
