using System.Diagnostics.Metrics;

namespace InstructGpt.Api.Jobs;

/// <summary>
/// Training progress for /metrics: per job (and its kind and current stage) the fraction done, the step and the
/// steps in the stage, and the number of jobs queued. MeterBridge exposes them as
/// <c>instructgpt_training_job_progress</c>, <c>instructgpt_training_job_step</c>,
/// <c>instructgpt_training_job_total_steps</c> and <c>instructgpt_training_jobs_queued</c>.
/// </summary>
public sealed class JobMetrics
{
    public const string MeterName = "InstructGpt.Api.Jobs";
    public static readonly string[] LabelNames = ["job", "kind", "stage"];
    /// <summary>The one gauge not per job (so without <see cref="LabelNames"/>).</summary>
    public const string QueuedInstrument = "instructgpt.training.jobs.queued";

    public JobMetrics(IMeterFactory meterFactory, JobBoard board, Func<int> queued)
    {
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("instructgpt.training.job.progress", () => Each(board, p => p.Fraction), description: "Fraction of the job done (0 to 1)");
        meter.CreateObservableGauge("instructgpt.training.job.step", () => Each(board, p => p.Step), description: "Step the job's current stage has reached");
        meter.CreateObservableGauge("instructgpt.training.job.total_steps", () => Each(board, p => p.TotalSteps), description: "Steps in the job's current stage");
        meter.CreateObservableGauge(QueuedInstrument, () => (double)queued(), description: "Jobs waiting to run");
    }

    private static IEnumerable<Measurement<double>> Each(JobBoard board, Func<LiveProgress, double> value) =>
        board.All.Select(j => new Measurement<double>(value(j.Progress),
            new KeyValuePair<string, object?>("job", j.Id), new KeyValuePair<string, object?>("kind", j.Progress.Kind.ToName()), new KeyValuePair<string, object?>("stage", j.Progress.Stage)));
}
