namespace InstructGpt.Api.Jobs;

/// <summary>A job as stored in <c>jobs_jobs</c>.</summary>
public sealed record JobRecord
{
    public required string Id { get; init; }
    public required JobKind Kind { get; init; }
    /// <summary>A training job's stage; a pipeline's current stage (null before it starts).</summary>
    public string? Stage { get; init; }
    /// <summary>The request as validated, in the API's JSON: what the job runs, and what a restart runs again.</summary>
    public required string RequestJson { get; init; }
    public JobStatus Status { get; init; } = JobStatus.Queued;
    public long Step { get; init; }
    public long TotalSteps { get; init; }
    public double Fraction { get; init; }
    /// <summary>Seconds left in the current stage.</summary>
    public double? EtaSeconds { get; init; }
    /// <summary>Seconds left in the whole job (a pipeline's later stages included).</summary>
    public double? JobEtaSeconds { get; init; }
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();
    /// <summary>Why it failed, was cancelled or interrupted; a note when it was resumed.</summary>
    public string? Error { get; init; }
    /// <summary>Checkpoint names the job has published so far.</summary>
    public IReadOnlyList<string> Outputs { get; init; } = [];
    /// <summary>How many times it has started running (more than one after a resume).</summary>
    public int Attempts { get; init; }
    public bool CancelRequested { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
