namespace InstructGpt.Api.Jobs;

/// <summary>Where a job is in its life. Stored lower-case in <c>jobs_jobs.status</c>.</summary>
public enum JobStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
    /// <summary>The server stopped while the job ran, and it was not (or could not be) resumed.</summary>
    Interrupted,
}

/// <summary>What a job runs. Stored lower-case in <c>jobs_jobs.kind</c>.</summary>
public enum JobKind
{
    /// <summary>One training stage (POST /v1/training/jobs).</summary>
    Training,
    /// <summary>The whole recipe, or a part of it (POST /v1/pipelines).</summary>
    Pipeline,
    /// <summary>An evaluation run over checkpoints (POST /v1/evaluations); run by an <see cref="IJobRunner"/>.</summary>
    Evaluation,
}

public static class JobNames
{
    public static string ToName(this JobStatus status) => status switch
    {
        JobStatus.Queued => "queued",
        JobStatus.Running => "running",
        JobStatus.Succeeded => "succeeded",
        JobStatus.Failed => "failed",
        JobStatus.Cancelled => "cancelled",
        JobStatus.Interrupted => "interrupted",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static JobStatus ParseStatus(string name) =>
        Enum.GetValues<JobStatus>().Where(s => s.ToName() == name).Select(s => (JobStatus?)s).FirstOrDefault()
            ?? throw new FormatException($"'{name}' is not a job status; use queued, running, succeeded, failed, cancelled or interrupted.");

    public static bool IsFinished(this JobStatus status) => status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled or JobStatus.Interrupted;

    public static string ToName(this JobKind kind) => kind switch
    {
        JobKind.Training => "training",
        JobKind.Pipeline => "pipeline",
        JobKind.Evaluation => "evaluation",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static JobKind ParseKind(string name) => name switch
    {
        "training" => JobKind.Training,
        "pipeline" => JobKind.Pipeline,
        "evaluation" => JobKind.Evaluation,
        _ => throw new FormatException($"'{name}' is not a job kind; use training, pipeline or evaluation."),
    };
}
