using InstructGpt.Api.Errors;
using InstructGpt.Training.Pipeline;
using InstructGpt.Training.Runs;

namespace InstructGpt.Api.Jobs;

/// <summary>
/// Runs one job to its end on the calling (dedicated) thread and records how it ended: succeeded with the checkpoints
/// it published, failed with the reason, or cancelled on request. When the server is stopping, the stage saves its
/// state at the next step boundary and the job stays "running" in the database, so that the next start resumes it
/// (<see cref="JobRecovery"/>).
/// </summary>
public sealed class JobExecutor(JobQueue queue, JobRequestValidator validator, CheckpointPublisher publisher, IEnumerable<IJobRunner> runners,
    ILogger<JobExecutor> logger)
{
    private static readonly string[] PipelineCheckpoints = ["base", "sft", "rm", "ppo", "ppo-ptx"];

    public void Run(JobStore store, JobRecord job, CancellationToken cancellation)
    {
        var options = queue.Options;
        var checkpoints = Path.Combine(validator.Home, "checkpoints");
        var before = CheckpointPublisher.Snapshot(checkpoints, PipelineCheckpoints);
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
        var runner = runners.FirstOrDefault(r => r.Kind == job.Kind);
        try
        {
            IReadOnlyList<string> outputs;
            if (runner is not null)
                outputs = runner.Run(store, job, new JobProgressReporter(store, queue.Board, job, options, logger), cancellation);
            else if (job.Kind == JobKind.Training)
            {
                var plan = validator.Plan(JobSpecJson.Read<TrainingJobSpec>(job.RequestJson));
                StageJob.Validate(plan);
                var progress = new JobProgressReporter(store, queue.Board, job, options, logger);
                outputs = StageJob.Run(plan, options.TrainingDevice, options.CheckpointEvery, progress, Log, cancellation);
            }
            else
            {
                var spec = JobSpecJson.Read<PipelineSpec>(job.RequestJson);
                var stages = spec.Stages ?? PipelineStages.All;
                var progress = new JobProgressReporter(store, queue.Board, job, options, logger, new PipelineTimeline(stages));
                var outcomes = TrainingPipeline.Run(new PipelineOptions
                {
                    Preset = JobRequestValidator.PipelinePreset(spec),
                    OutputDirectory = validator.Home,
                    Seed = spec.Seed,
                    Device = options.TrainingDevice,
                    InitFrom = spec.InitFrom is null ? null : validator.CheckpointDirectory(spec.InitFrom, "init_from"),
                    Stages = spec.Stages,
                    CheckpointEvery = options.CheckpointEvery,
                    Progress = progress,
                    Log = Log,
                    Cancellation = cancellation,
                });
                outputs = outcomes.Select(o => Path.GetFileName(Path.TrimEndingDirectorySeparator(o.CheckpointDirectory)))
                    .Where(PipelineCheckpoints.Contains).ToList();
            }
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
                store.Finish(job.Id, JobStatus.Cancelled, runner?.CancelledNote ?? "cancelled by request; the stage's resumable state is kept in its run directory", published);
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
