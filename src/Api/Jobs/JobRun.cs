using InstructGpt.Training.Runs;

namespace InstructGpt.Api.Jobs;

/// <summary>A job as <see cref="JobExecutor"/> hands it to its <see cref="IJobRunner"/>: the record, where progress and log lines go, and what stops it.</summary>
/// <param name="Reporter">A progress sink for the job; a pipeline passes its timeline, so the job's ETA spans its stages.</param>
/// <param name="Log">Stage, message: logged, and a checkpoint published since the last line is announced to serving.</param>
public sealed record JobRun(JobRecord Job, Func<PipelineTimeline?, IProgress<StageProgress>> Reporter, Action<string, string> Log, CancellationToken Cancellation)
{
    /// <summary>What a cancelled training stage leaves behind.</summary>
    public const string StageStateKept = "cancelled by request; the stage's resumable state is kept in its run directory";

    public IProgress<StageProgress> Progress(PipelineTimeline? timeline = null) => Reporter(timeline);
}
