using System.Text.RegularExpressions;
using InstructGpt.Api.Errors;
using InstructGpt.Training.Data;
using InstructGpt.Training.Pipeline;
using InstructGpt.Training.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Api.Jobs;

/// <summary>
/// A training job's one stage, through Training's <see cref="StageRunner"/>: <see cref="Validate"/> reads and checks
/// every input before the job is queued (and again before a resumed job restarts); <see cref="Run"/> trains on the
/// job's dedicated thread and publishes the checkpoint atomically.
/// </summary>
public static partial class StageJob
{
    /// <summary>
    /// StageRunner's messages start with the field they are about ("datasets.train: ...", "init_from: ..."); a setting's
    /// ("comparisons.OtherPolicies.base: ...") is the request's hyperparameter of that name.
    /// </summary>
    [GeneratedRegex(@"^(?<field>stage|output|init_from|reward_model|datasets\.[A-Za-z0-9._-]+|(?<stage>[a-z-]+)\.(?<setting>[A-Za-z]+)(\.[^:\s]+)?):\s")]
    private static partial Regex FieldPrefix();

    public static StageRunOptions Options(StageJobPlan plan, Device device, int checkpointEvery = 25, IProgress<StageProgress>? progress = null,
        Action<string, string>? log = null, CancellationToken cancellation = default) => new()
    {
        Stage = plan.Spec.Stage,
        Home = plan.Home,
        Preset = plan.Preset,
        InitFrom = plan.Spec.InitFrom,
        RewardModel = plan.Spec.RewardModel,
        Datasets = plan.Datasets,
        Overrides = plan.Spec.Hyperparameters,
        OutputName = plan.Spec.Output,
        Seed = plan.Spec.Seed,
        Device = device,
        CheckpointEvery = checkpointEvery,
        Progress = progress,
        Log = log,
        Cancellation = cancellation,
    };

    /// <summary>Reads and validates the stage's inputs; a 400 naming the field (a dataset's role with its bad line) otherwise.</summary>
    public static void Validate(StageJobPlan plan)
    {
        try
        {
            StageRunner.Prepare(Options(plan, torch.CPU));
        }
        catch (DatasetFormatException e)
        {
            var role = plan.Datasets.FirstOrDefault(d => d.Value == e.Path).Key
                ?? StageDatasets.DefaultsOf(plan.Spec.Stage).FirstOrDefault(d => d.Value + ".jsonl" == Path.GetFileName(e.Path)).Key;
            throw new InvalidRequestException(e.Message, role is null ? "datasets" : $"datasets.{role}", "invalid_dataset");
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException or System.Text.Json.JsonException)
        {
            var match = FieldPrefix().Match(e.Message);
            var field = !match.Success ? null
                : match.Groups["setting"].Success ? $"hyperparameters.{match.Groups["setting"].Value}"
                : match.Groups["field"].Value;
            throw new InvalidRequestException(e.Message, field);
        }
    }

    /// <summary>Runs the stage on this (dedicated) thread; returns the checkpoint it published (none for comparisons, which writes data).</summary>
    public static IReadOnlyList<string> Run(StageJobPlan plan, Device device, int checkpointEvery, IProgress<StageProgress> progress,
        Action<string, string> log, CancellationToken cancellation)
    {
        StageRunner.Run(Options(plan, device, checkpointEvery, progress, log, cancellation));
        return plan.Spec.Stage == PipelineStages.Comparisons ? [] : [plan.Spec.Output];
    }
}
