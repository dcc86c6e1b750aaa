using System.Text.Json;

namespace InstructGpt.Api.Jobs;

/// <summary>A training or pipeline job as the API shows it.</summary>
/// <param name="Id">"trainjob-…" or "pipeline-…".</param>
/// <param name="Object">"training.job" or "pipeline.job".</param>
/// <param name="Status">queued, running, succeeded, failed, cancelled or interrupted.</param>
/// <param name="Stage">A training job's stage; a pipeline's current stage (null before it starts).</param>
/// <param name="Progress">How far it is: the whole job, and its current stage, each with its own ETA.</param>
/// <param name="Metrics">The latest step's metrics (loss, learning rate, reward, KL, ...).</param>
/// <param name="Error">Why it failed, was cancelled or interrupted; a note when it was resumed after a restart.</param>
/// <param name="OutputCheckpoints">Checkpoints it has published (names in GET /v1/models).</param>
/// <param name="Attempts">How many times it has started (more than 1 after a resume).</param>
/// <param name="CancelRequested">A cancel was asked for; a running job stops at its next step boundary.</param>
/// <param name="CreatedAt">Unix seconds.</param>
/// <param name="Request">The request as accepted, with defaults filled in.</param>
public sealed record JobObject(
    string Id,
    string Object,
    string Status,
    string? Stage,
    JobProgress Progress,
    IReadOnlyDictionary<string, double> Metrics,
    string? Error,
    IReadOnlyList<string> OutputCheckpoints,
    int Attempts,
    bool CancelRequested,
    long CreatedAt,
    long? StartedAt,
    long? FinishedAt,
    JsonElement Request)
{
    public static JobObject From(JobRecord job, LiveProgress? live)
    {
        // The board is fresher than the throttled row while the job runs in this process.
        var current = live is not null && job.Status == JobStatus.Running ? live : null;
        var step = current?.Step ?? job.Step;
        var total = current?.TotalSteps ?? job.TotalSteps;
        var fraction = Math.Round(current?.Fraction ?? job.Fraction, 6);
        var running = job.Status == JobStatus.Running;
        var stageName = current?.Stage ?? job.Stage;
        var stageFraction = job.Status == JobStatus.Succeeded ? 1 : total <= 0 ? 0 : Math.Round(Math.Clamp((double)step / total, 0, 1), 6);
        using var request = JsonDocument.Parse(job.RequestJson);
        return new JobObject(
            job.Id,
            job.Kind == JobKind.Training ? "training.job" : "pipeline.job",
            job.Status.ToName(),
            stageName,
            new JobProgress(
                new JobScopeProgress(fraction, Math.Round(fraction * 100, 2), running ? Round(current?.JobEtaSeconds ?? job.JobEtaSeconds) : null),
                stageName is null ? null : new StageScopeProgress(stageName, step, total, stageFraction, Math.Round(stageFraction * 100, 2),
                    running ? Round(current?.EtaSeconds ?? job.EtaSeconds) : null)),
            current?.Metrics ?? job.Metrics,
            job.Error,
            job.Outputs,
            job.Attempts,
            job.CancelRequested,
            job.CreatedAt.ToUnixTimeSeconds(),
            job.StartedAt?.ToUnixTimeSeconds(),
            job.FinishedAt?.ToUnixTimeSeconds(),
            request.RootElement.Clone());
    }

    private static double? Round(double? seconds) => seconds is { } s ? Math.Round(s, 1) : null;
}
