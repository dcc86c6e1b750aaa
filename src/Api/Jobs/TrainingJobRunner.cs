using InstructGpt.Api.Errors;
using InstructGpt.Training.Pipeline;
using Microsoft.Extensions.Options;

namespace InstructGpt.Api.Jobs;

/// <summary>
/// Runs a training job's one stage through Training's <see cref="StageRunner"/>, from the plan prepared when the job was
/// accepted (<see cref="PreparedStagePlans"/>) when it still holds, and prepared again from the stored spec otherwise.
/// </summary>
public sealed class TrainingJobRunner(JobRequestValidator validator, PreparedStagePlans plans, IOptions<JobsOptions> jobs) : IJobRunner
{
    public JobKind Kind => JobKind.Training;

    public string CancelledNote => JobRun.StageStateKept;

    public IReadOnlyList<string> Run(JobRun run)
    {
        var plan = PlanFor(run.Job);
        var options = jobs.Value;
        // The plan says what to train; how (device, checkpoint cadence) and for whom (progress, log, cancellation) is this run's.
        StageRunner.Run(plan with
        {
            Options = plan.Options with
            {
                Device = options.TrainingDevice,
                CheckpointEvery = options.CheckpointEvery,
                Progress = run.Progress(),
                Log = run.Log,
                Cancellation = run.Cancellation,
            },
        });
        return plan.Options.Stage == PipelineStages.Comparisons ? [] : [plan.OutputName];
    }

    /// <summary>The plan held since the job was accepted while its inputs are unchanged; otherwise its stored spec prepared now.</summary>
    public StagePlan PlanFor(JobRecord job) =>
        plans.Take(job.Id) ?? validator.Prepare(JobSpecJson.Read<TrainingJobSpec>(job.RequestJson));

    public string? WhyNotResumable(JobRecord job)
    {
        try
        {
            // Prepared to check it; held, so that the resumed run does not read everything again.
            plans.Hold(job.Id, PlanFor(job));
            return null;
        }
        catch (Exception e) when (e is InvalidRequestException or System.Text.Json.JsonException or InvalidDataException)
        {
            return e.Message;
        }
    }
}
