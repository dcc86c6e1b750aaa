using InstructGpt.Training.Pipeline;

namespace InstructGpt.Api.Jobs;

/// <summary>
/// Which queued or running job will publish a checkpoint that does not exist yet, and how far it is: so that the
/// first requests after <c>./run.sh</c> starts the default pipeline learn that 'sft' is being trained and when,
/// instead of that it does not exist.
/// </summary>
public sealed class PendingCheckpoints(JobQueue queue)
{
    /// <summary>A job that will publish the checkpoint.</summary>
    /// <param name="Stage">The job's current stage, or null while it is queued.</param>
    /// <param name="Percent">Of the whole job.</param>
    /// <param name="SecondsUntilReady">Estimated seconds until the checkpoint is published, when the job has an ETA.</param>
    public sealed record Pending(string JobId, JobKind Kind, JobStatus Status, string? Stage, double Percent, double? SecondsUntilReady);

    /// <summary>The earliest queued or running job that publishes <paramref name="checkpoint"/>, or null.</summary>
    public Pending? Find(string checkpoint)
    {
        var opening = queue.StoreAsync();
        if (!opening.IsCompletedSuccessfully) return null; // the database is still opening: nothing is known to be pending
        foreach (var job in opening.Result.WithStatus(JobStatus.Running, JobStatus.Queued).OrderBy(j => j.Status == JobStatus.Running ? 0 : 1).ThenBy(j => j.CreatedAt))
        {
            if (StagesPublishing(job, checkpoint) is not { } stages) continue;
            var live = queue.Board.Get(job.Id);
            var fraction = live?.Fraction ?? job.Fraction;
            var stage = live?.Stage is { Length: > 0 } s ? s : job.Stage;
            var jobEta = live?.JobEtaSeconds ?? job.JobEtaSeconds;
            double? ready = null;
            if (job.Status == JobStatus.Running && jobEta is { } eta)
                ready = job.Kind == JobKind.Pipeline && stage is not null
                    ? eta * new PipelineTimeline(stages.All).ShareOfRemainingUntil(stage, live?.TotalSteps > 0 ? (double)live.Step / live.TotalSteps : 0, stages.Publishing)
                    : eta;
            return new Pending(job.Id, job.Kind, job.Status, job.Status == JobStatus.Running ? stage : null, Math.Round(fraction * 100, 1), ready);
        }
        return null;
    }

    /// <summary>The job's stages and the one that publishes <paramref name="checkpoint"/>, or null when it publishes no such checkpoint.</summary>
    private static (IReadOnlyList<string> All, string Publishing)? StagesPublishing(JobRecord job, string checkpoint)
    {
        switch (job.Kind)
        {
            case JobKind.Training:
                var training = JobSpecJson.Read<TrainingJobSpec>(job.RequestJson);
                return training.Output == checkpoint ? ([training.Stage], training.Stage) : null;
            case JobKind.Pipeline:
                var stages = JobSpecJson.Read<PipelineSpec>(job.RequestJson).Stages ?? PipelineStages.All;
                var publishing = stages.FirstOrDefault(s => PipelineStages.Trainable.Contains(s) && s != PipelineStages.Comparisons && PipelineStages.CheckpointOf(s) == checkpoint);
                return publishing is null ? null : (stages, publishing);
            default:
                return null;
        }
    }
}
