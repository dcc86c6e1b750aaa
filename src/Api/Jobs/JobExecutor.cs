using InstructGpt.Api.Errors;
using InstructGpt.Training.Runs;

namespace InstructGpt.Api.Jobs;

/// <summary>
/// Runs one job to its end on the calling (dedicated) thread, through the <see cref="IJobRunner"/> of its kind, and
/// records how it ended: succeeded with the checkpoints it published, failed with the reason, or cancelled on request.
/// When the server is stopping, the stage saves its state at the next step boundary and the job stays "running" in the
/// database, so that the next start resumes it (<see cref="JobRecovery"/>).
/// </summary>
public sealed class JobExecutor(JobQueue queue, JobRequestValidator validator, CheckpointPublisher publisher, IEnumerable<IJobRunner> runners,
    ILogger<JobExecutor> logger)
{
    public void Run(JobStore store, JobRecord job, CancellationToken cancellation)
    {
        var options = queue.Options;
        var checkpoints = Path.Combine(validator.Home, "checkpoints");
        var before = CheckpointPublisher.Snapshot(checkpoints, PipelineJobRunner.Checkpoints);
        var published = new List<string>();
        void Log(string stage, string message)
        {
            logger.LogInformation("Job {JobId} {Stage}: {Message}", job.Id, stage, message);
            // A pipeline's stage starts when the previous one has published its checkpoint.
            var changed = CheckpointPublisher.Changed(checkpoints, before).Except(published).ToList();
            published.AddRange(changed);
            store.RecordStage(job.Id, stage, published);
            publisher.Published(changed);
        }
        var runner = runners.Single(r => r.Kind == job.Kind);
        try
        {
            var outputs = runner.Run(new JobRun(job, timeline => new JobProgressReporter(store, queue.Board, job, options, logger, timeline), Log, cancellation));
            var fresh = outputs.Except(published).ToList();
            published.AddRange(fresh);
            store.Finish(job.Id, JobStatus.Succeeded, null, published, complete: true);
            queue.Board.SetStatus(job.Id, JobStatus.Succeeded);
            publisher.Published(fresh);
            logger.LogInformation("Job {JobId} running → succeeded; published {Checkpoints}", job.Id, string.Join(", ", published));
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            if (store.Get(job.Id) is { CancelRequested: true })
            {
                store.Finish(job.Id, JobStatus.Cancelled, runner.CancelledNote, published);
                queue.Board.SetStatus(job.Id, JobStatus.Cancelled);
                logger.LogInformation("Job {JobId} running → cancelled", job.Id);
            }
            else
            {
                store.RecordStage(job.Id, store.Get(job.Id)?.Stage ?? "", published);
                logger.LogInformation("Job {JobId} stopped with the server; its state is saved and it resumes at the next start", job.Id);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var reason = e is InvalidRequestException or InvalidDataException or ArgumentException or FileNotFoundException
                or InstructGpt.Training.Data.DatasetFormatException or TrainingDivergedException
                ? e.Message
                : $"{e.GetType().Name}: {e.Message}";
            // Clients read the reason (GET .../{id}); the log keeps the full paths.
            store.Finish(job.Id, JobStatus.Failed, ServerPaths.Hide(reason, validator.Home), published);
            queue.Board.SetStatus(job.Id, JobStatus.Failed);
            logger.LogError(e, "Job {JobId} running → failed: {Reason}", job.Id, reason);
        }
    }
}
