namespace InstructGpt.Api.Jobs;

/// <summary>A row of <c>jobs_metrics</c> as Dapper reads it.</summary>
internal sealed class JobMetricsRow
{
    public const string Select = """
        SELECT stage AS Stage, step AS Step, total_steps AS TotalSteps, loss AS Loss, metrics_json AS MetricsJson,
               elapsed_seconds AS ElapsedSeconds, recorded_at AS RecordedAt
        FROM jobs_metrics
        """;

    public string Stage { get; set; } = "";
    public long Step { get; set; }
    public long TotalSteps { get; set; }
    public double? Loss { get; set; }
    public string MetricsJson { get; set; } = "{}";
    public double ElapsedSeconds { get; set; }
    public string RecordedAt { get; set; } = "";

    public JobMetricsPoint ToPoint() => new(Stage, Step, TotalSteps, Loss, JobColumns.ReadMetrics(MetricsJson), ElapsedSeconds, JobTime.Parse(RecordedAt));
}
