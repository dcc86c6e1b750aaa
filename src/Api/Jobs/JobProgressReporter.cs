using System.Diagnostics;
using InstructGpt.Training.Runs;

namespace InstructGpt.Api.Jobs;

/// <summary>
/// Receives a stage's progress on the training thread: the in-memory board always, the database (the job's row and
/// a row of its series) at most every Jobs:ProgressIntervalSeconds, and every step for short jobs, and always the
/// last step. A failed progress write is logged and training goes on: the next report writes again.
/// </summary>
public sealed class JobProgressReporter(JobStore store, JobBoard board, JobRecord job, JobsOptions options, ILogger logger,
    Func<StageProgress, double>? overallFraction = null) : IProgress<StageProgress>
{
    private readonly Stopwatch sinceWrite = Stopwatch.StartNew();
    private bool wroteAny;

    public void Report(StageProgress value)
    {
        var fraction = overallFraction?.Invoke(value) ?? value.Fraction;
        var eta = value.Eta?.TotalSeconds;
        var metrics = new Dictionary<string, double>(value.Metrics);
        if (value.Loss is { } loss) metrics.TryAdd("loss", loss);
        board.Update(job.Id, new LiveProgress(job.Kind, value.Stage, value.Step, value.TotalSteps, fraction, eta, metrics, JobStatus.Running));
        var due = !wroteAny || value.Step >= value.TotalSteps || value.TotalSteps <= options.EveryStepUpTo
            || sinceWrite.Elapsed.TotalSeconds >= options.ProgressIntervalSeconds;
        if (!due) return;
        try
        {
            store.RecordProgress(job.Id, value.Stage, value.Step, value.TotalSteps, fraction, eta, metrics,
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
