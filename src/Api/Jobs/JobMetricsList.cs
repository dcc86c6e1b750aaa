namespace InstructGpt.Api.Jobs;

public sealed record JobMetricsList(string Object, string JobId, IReadOnlyList<JobMetricsEntry> Data);
