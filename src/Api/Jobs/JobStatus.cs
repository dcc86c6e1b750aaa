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
