using InstructGpt.Training.Runs;

namespace InstructGpt.Api.Jobs;

/// <summary>
/// Runs the jobs of a kind whose work lives in another feature folder (an evaluation). The queue, the worker, the
/// store, cancellation and restart recovery are the same for every kind; the executor and <see cref="JobRecovery"/>
/// hand a job of this kind to its runner.
/// </summary>
public interface IJobRunner
{
    JobKind Kind { get; }

    /// <summary>What a cancelled job's error says about the work it leaves behind.</summary>
    string CancelledNote { get; }

    /// <summary>
    /// Runs <paramref name="job"/> to its end on the calling (dedicated) thread, reporting progress; throws
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellation"/> stops it. Returns the checkpoints it published.
    /// </summary>
    IReadOnlyList<string> Run(JobStore store, JobRecord job, IProgress<StageProgress> progress, CancellationToken cancellation);

    /// <summary>Null when a job cut short by a stopped server can run again; otherwise why not.</summary>
    string? WhyNotResumable(JobRecord job);
}
