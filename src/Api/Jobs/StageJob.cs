using InstructGpt.Api.Errors;
using InstructGpt.Torch;
using InstructGpt.Training.Pipeline;
using InstructGpt.Training.Runs;

namespace InstructGpt.Api.Jobs;

/// <summary>
/// Runs a training job's one stage. Until Training's single-stage runner (StageRunner) is on main, a stage runs as
/// the pipeline restricted to that stage, into the server's data directory: its inputs are the data directory's
/// files and the previous stages' checkpoints, and it publishes the stage's own checkpoint name.
/// </summary>
public static class StageJob
{
    /// <summary>Checks what can be checked before queueing; a 400 naming the field otherwise.</summary>
    public static void Validate(StageJobPlan plan)
    {
        var spec = plan.Spec;
        if (plan.Datasets.Count > 0)
            throw new InvalidRequestException(
                $"Invalid value for 'datasets': this server's {spec.Stage} stage reads the data directory's own files ({Path.Combine(plan.Home, "data")}); leave 'datasets' out.",
                "datasets");
        if (spec.Output != PipelineStages.CheckpointOf(spec.Stage))
            throw new InvalidRequestException(
                $"Invalid value for 'output': this server's {spec.Stage} stage publishes the checkpoint '{PipelineStages.CheckpointOf(spec.Stage)}'; leave 'output' out.", "output");
        if (spec.InitFrom is not null && spec.Stage != PipelineStages.Sft)
            throw new InvalidRequestException($"Invalid value for 'init_from': only the sft stage starts from a chosen checkpoint; {spec.Stage} starts from the previous stages'.", "init_from");
        if (!File.Exists(Path.Combine(plan.Home, "data", InstructGpt.Training.World.WorldManifest.FileName)))
            throw new InvalidRequestException($"Invalid value for 'stage': there is no data in {Path.Combine(plan.Home, "data")} yet; run a pipeline (POST /v1/pipelines) first.", "stage");
        var layout = new PipelineLayout(plan.Home);
        var needs = spec.Stage switch
        {
            PipelineStages.Sft => spec.InitFrom is null ? ["base"] : [],
            PipelineStages.Comparisons or PipelineStages.RewardModel => ["sft"],
            PipelineStages.Ppo or PipelineStages.PpoPtx => ["sft", "rm"],
            _ => Array.Empty<string>(),
        };
        // The pipeline skips a finished stage, so a stage runs again only once its output is gone.
        if (layout.IsDone(spec.Output) || (spec.Stage == PipelineStages.Comparisons && File.Exists(layout.ComparisonsTrain)))
            throw new InvalidRequestException(
                $"Invalid value for 'stage': '{spec.Output}' has already been trained in {plan.Home}; this server trains a stage again only after its output is removed.", "stage");
        if (needs.FirstOrDefault(n => !layout.IsDone(n)) is { } missing)
            throw new InvalidRequestException($"Invalid value for 'stage': {spec.Stage} starts from the '{missing}' checkpoint, which does not exist yet; train it first.", "stage");
    }

    /// <summary>Runs the stage on this (dedicated) thread; returns the checkpoint names it published.</summary>
    public static IReadOnlyList<string> Run(StageJobPlan plan, Device device, int checkpointEvery, IProgress<StageProgress> progress,
        Action<string, string> log, CancellationToken cancellation)
    {
        var spec = plan.Spec;
        var outcomes = TrainingPipeline.Run(new PipelineOptions
        {
            Preset = plan.Preset,
            OutputDirectory = plan.Home,
            Seed = spec.Seed,
            Device = device,
            InitFrom = plan.InitFrom,
            Stages = [spec.Stage],
            CheckpointEvery = checkpointEvery,
            Progress = progress,
            Log = log,
            Cancellation = cancellation,
        });
        return outcomes.Select(o => Path.GetFileName(Path.TrimEndingDirectorySeparator(o.CheckpointDirectory))).Where(n => !n.EndsWith(".jsonl", StringComparison.Ordinal)).Distinct().ToList();
    }
}
