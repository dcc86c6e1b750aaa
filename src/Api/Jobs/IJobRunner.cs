namespace InstructGpt.Api.Jobs;

/// <summary>
/// Runs the jobs of one kind (a training stage, a pipeline, an evaluation). The queue, the worker, the store,
/// cancellation and restart recovery are the same for every kind; <see cref="JobExecutor"/> and
/// <see cref="JobRecovery"/> hand each job to the runner of its kind.
/// </summary>
public interface IJobRunner
{
    JobKind Kind { get; }

    /// <summary>What a cancelled job's error says about the work it leaves behind.</summary>
    string CancelledNote { get; }

    /// <summary>
    /// Runs the job to its end on the calling (dedicated) thread, reporting progress; throws
    /// <see cref="OperationCanceledException"/> when its cancellation stops it. Returns the checkpoints it published.
    /// </summary>
    IReadOnlyList<string> Run(JobRun run);

    /// <summary>Null when a job cut short by a stopped server can run again; otherwise why not.</summary>
    string? WhyNotResumable(JobRecord job);
}
