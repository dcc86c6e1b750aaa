using InstructGpt.Api.Errors;
using InstructGpt.Training.Pipeline;
using Microsoft.Extensions.Options;

namespace InstructGpt.Api.Jobs;

/// <summary>
/// Runs a pipeline job through Training's <see cref="TrainingPipeline"/> (which builds the world and prepares each stage
/// when it reaches it, so there is nothing to prepare at acceptance beyond the settings).
/// </summary>
public sealed class PipelineJobRunner(JobRequestValidator validator, IOptions<JobsOptions> jobs) : IJobRunner
{
    /// <summary>The checkpoints a pipeline publishes.</summary>
    public static readonly IReadOnlyList<string> Checkpoints = ["base", "sft", "rm", "ppo", "ppo-ptx"];

    public JobKind Kind => JobKind.Pipeline;

    public string CancelledNote => JobRun.StageStateKept;

    public IReadOnlyList<string> Run(JobRun run)
    {
        var spec = JobSpecJson.Read<PipelineSpec>(run.Job.RequestJson);
        var options = jobs.Value;
        var outcomes = TrainingPipeline.Run(new PipelineOptions
        {
            Preset = JobRequestValidator.PipelinePreset(spec),
            OutputDirectory = validator.Home,
            Seed = spec.Seed,
            Device = options.TrainingDevice,
            InitFrom = spec.InitFrom is null ? null : validator.CheckpointDirectory(spec.InitFrom, "init_from"),
            Stages = spec.Stages,
            CheckpointEvery = options.CheckpointEvery,
            Progress = run.Progress(new PipelineTimeline(spec.Stages ?? PipelineStages.All)),
            Log = run.Log,
            Cancellation = run.Cancellation,
        });
        return outcomes.Select(o => Path.GetFileName(Path.TrimEndingDirectorySeparator(o.CheckpointDirectory)))
            .Where(Checkpoints.Contains).ToList();
    }

    public string? WhyNotResumable(JobRecord job)
    {
        try
        {
            JobRequestValidator.PipelinePreset(JobSpecJson.Read<PipelineSpec>(job.RequestJson));
            return null;
        }
        catch (Exception e) when (e is InvalidRequestException or System.Text.Json.JsonException or InvalidDataException)
        {
            return e.Message;
        }
    }
}
