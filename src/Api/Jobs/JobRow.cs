using System.Text.Json;

namespace InstructGpt.Api.Jobs;

/// <summary>A row of <c>jobs_jobs</c> as Dapper reads it.</summary>
internal sealed class JobRow
{
    public const string Select = """
        SELECT id AS Id, kind AS Kind, stage AS Stage, request_json AS RequestJson, status AS Status, step AS Step,
               total_steps AS TotalSteps, fraction AS Fraction, eta_seconds AS EtaSeconds, job_eta_seconds AS JobEtaSeconds, metrics_json AS MetricsJson,
               error AS Error, outputs_json AS OutputsJson, attempts AS Attempts, cancel_requested AS CancelRequested,
               created_at AS CreatedAt, started_at AS StartedAt, finished_at AS FinishedAt, updated_at AS UpdatedAt
        FROM jobs_jobs
        """;

    public string Id { get; set; } = "";
    public string Kind { get; set; } = "";
    public string? Stage { get; set; }
    public string RequestJson { get; set; } = "{}";
    public string Status { get; set; } = "";
    public long Step { get; set; }
    public long TotalSteps { get; set; }
    public double Fraction { get; set; }
    public double? EtaSeconds { get; set; }
    public double? JobEtaSeconds { get; set; }
    public string MetricsJson { get; set; } = "{}";
    public string? Error { get; set; }
    public string OutputsJson { get; set; } = "[]";
    public long Attempts { get; set; }
    public long CancelRequested { get; set; }
    public string CreatedAt { get; set; } = "";
    public string? StartedAt { get; set; }
    public string? FinishedAt { get; set; }
    public string UpdatedAt { get; set; } = "";

    public JobRecord ToRecord() => new()
    {
        Id = Id,
        Kind = JobNames.ParseKind(Kind),
        Stage = Stage,
        RequestJson = RequestJson,
        Status = JobNames.ParseStatus(Status),
        Step = Step,
        TotalSteps = TotalSteps,
        Fraction = Fraction,
        EtaSeconds = EtaSeconds,
        JobEtaSeconds = JobEtaSeconds,
        Metrics = JobColumns.ReadMetrics(MetricsJson),
        Error = Error,
        Outputs = JsonSerializer.Deserialize<string[]>(OutputsJson) ?? [],
        Attempts = (int)Attempts,
        CancelRequested = CancelRequested != 0,
        CreatedAt = JobTime.Parse(CreatedAt),
        StartedAt = JobTime.ParseOptional(StartedAt),
        FinishedAt = JobTime.ParseOptional(FinishedAt),
        UpdatedAt = JobTime.Parse(UpdatedAt),
    };
}
