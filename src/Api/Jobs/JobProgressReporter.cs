using System.Diagnostics;
using InstructGpt.Training.Runs;

namespace InstructGpt.Api.Jobs;

/// <summary>
/// Receives a stage's progress on the training thread: the in-memory board always, the database (the job's row and
/// a row of its series) at most every Jobs:ProgressIntervalSeconds, and every step for short jobs, and always the
/// last step. A failed progress write is logged and training goes on: the next report writes again.
/// </summary>
/// <remarks>
/// Progress has two scopes: the current stage (its step, fraction and ETA) and the job (a pipeline's fraction and ETA
/// over all its stages, from <paramref name="timeline"/>; a training job is its one stage).
/// </remarks>
public sealed class JobProgressReporter(JobStore store, JobBoard board, JobRecord job, JobsOptions options, ILogger logger,
    PipelineTimeline? timeline = null) : IProgress<StageProgress>
{
    private readonly Stopwatch sinceWrite = Stopwatch.StartNew();
    private bool wroteAny;
    private string? currentStage;
    private double currentStageSeconds, earlierSeconds;
    private readonly List<string> earlierStages = [];

    public void Report(StageProgress value)
    {
        if (currentStage is not null && value.Stage != currentStage)
        {
            earlierStages.Add(currentStage);
            earlierSeconds += currentStageSeconds;
        }
        currentStage = value.Stage;
        currentStageSeconds = value.Elapsed.TotalSeconds;
        var fraction = timeline?.Fraction(value) ?? value.Fraction;
        var eta = value.Eta?.TotalSeconds;
        var jobEta = timeline is null ? eta : timeline.EtaSeconds(value, earlierSeconds, earlierStages);
        var metrics = new Dictionary<string, double>(value.Metrics);
        if (value.Loss is { } loss) metrics.TryAdd("loss", loss);
        board.Update(job.Id, new LiveProgress(job.Kind, value.Stage, value.Step, value.TotalSteps, fraction, eta, jobEta, metrics, JobStatus.Running));
        var due = !wroteAny || value.Step >= value.TotalSteps || value.TotalSteps <= options.EveryStepUpTo
            || sinceWrite.Elapsed.TotalSeconds >= options.ProgressIntervalSeconds;
        if (!due) return;
        try
        {
            store.RecordProgress(job.Id, value.Stage, value.Step, value.TotalSteps, fraction, eta, jobEta, metrics,
                new JobMetricsPoint(value.Stage, value.Step, value.TotalSteps, value.Loss, metrics, value.Elapsed.TotalSeconds, DateTimeOffset.UtcNow));
            wroteAny = true;
            sinceWrite.Restart();
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            logger.LogWarning(e, "Job {JobId}: progress at step {Step} was not written; the next report tries again", job.Id, value.Step);
        }
    }
}
