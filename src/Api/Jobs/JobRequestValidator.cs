using InstructGpt.Api.Errors;
using InstructGpt.Inference.Serving;
using InstructGpt.Training.Pipeline;

namespace InstructGpt.Api.Jobs;

/// <summary>
/// Checks a training or pipeline request before it is queued, so that a client's mistake is a 400 naming the field
/// and what it may be, never a job that fails later: the stage and preset, the starting checkpoint, each dataset
/// (found, inside the data directory, and readable in its format), the hyperparameters, the output name, the seed.
/// </summary>
public sealed class JobRequestValidator(string home)
{
    /// <summary>Stages a training job may run (data and tokenizer belong to pipelines).</summary>
    public static IReadOnlyList<string> TrainableStages => PipelineStages.Trainable;

    public const string DefaultPreset = "tiny";

    public string Home { get; } = Path.GetFullPath(home);
    public string CheckpointsDirectory => Path.Combine(Home, "checkpoints");
    public DatasetLocator Datasets => new(Home);

    /// <param name="willBePublished">
    /// Whether a queued or running job will publish a checkpoint that does not exist yet. A request naming one is
    /// accepted and waits for it (jobs run one at a time, in order); what depends on that checkpoint is checked when
    /// the job starts.
    /// </param>
    public TrainingJobSpec Validate(TrainingJobRequest? request, Func<string, bool>? willBePublished = null)
    {
        if (request is null) throw new InvalidRequestException("The request body is missing: send a JSON object such as {\"stage\": \"sft\"}.", null);
        var stage = request.Stage switch
        {
            null or "" => throw new InvalidRequestException($"Missing required parameter: 'stage' ({string.Join(", ", TrainableStages)}).", "stage"),
            var s when TrainableStages.Contains(s) => s,
            var s => throw new InvalidRequestException($"Invalid value for 'stage': '{Shorten(s)}' is not a stage; use one of {string.Join(", ", TrainableStages)}.", "stage"),
        };
        var output = request.Output ?? PipelineStages.CheckpointOf(stage);
        if (!CheckpointCatalog.IsValidName(output, out var outputProblem))
            throw new InvalidRequestException($"Invalid value for 'output': {outputProblem}.", "output", "invalid_model_name");
        var datasets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (role, reference) in request.Datasets ?? [])
        {
            Datasets.Resolve(reference, $"datasets.{role}");
            datasets[role] = reference;
        }
        var spec = new TrainingJobSpec
        {
            Stage = stage,
            Preset = PresetName(request.Preset),
            InitFrom = request.InitFrom is null ? null : CheckpointName(request.InitFrom, "init_from", willBePublished),
            RewardModel = request.RewardModel is null ? null : CheckpointName(request.RewardModel, "reward_model", willBePublished),
            Datasets = datasets,
            Hyperparameters = InstructGpt.Api.Jobs.Hyperparameters.ToAssignments(request.Hyperparameters),
            Output = output,
            Seed = Seed(request.Seed),
        };
        var pending = new[] { spec.InitFrom, spec.RewardModel }.OfType<string>().Where(n => !Exists(n)).ToHashSet(StringComparer.Ordinal);
        var plan = Plan(spec, pending);
        // With a checkpoint still to come, the stage cannot be prepared yet: the job checks it again when it starts.
        if (pending.Count == 0) StageJob.Validate(plan);
        return spec;
    }

    /// <summary>What a validated spec means on disk now (checked again when a job starts: files may have changed since).</summary>
    /// <param name="pending">Checkpoints a queued job will publish: not looked up now.</param>
    public StageJobPlan Plan(TrainingJobSpec spec, IReadOnlySet<string>? pending = null)
    {
        var preset = TrainingPresets.Get(spec.Preset);
        // StageRunner applies the overrides itself; applying them here one by one names the one that does not fit.
        InstructGpt.Api.Jobs.Hyperparameters.Apply(preset, spec.Hyperparameters.Select(a => $"{spec.Stage}.{a}").ToList(),
            a => InstructGpt.Api.Jobs.Hyperparameters.NameOf(a)[(spec.Stage.Length + 1)..]);
        foreach (var (name, param) in new[] { (spec.InitFrom, "init_from"), (spec.RewardModel, "reward_model") })
            if (name is not null && pending?.Contains(name) != true) CheckpointDirectory(name, param);
        return new StageJobPlan
        {
            Spec = spec,
            Home = Home,
            Preset = preset,
            Datasets = spec.Datasets.ToDictionary(kv => kv.Key, kv => Datasets.Resolve(kv.Value, $"datasets.{kv.Key}")),
        };
    }

    /// <param name="willBePublished">As for a training job: an init checkpoint a queued job will publish is waited for.</param>
    public PipelineSpec Validate(PipelineRequest? request, Func<string, bool>? willBePublished = null)
    {
        request ??= new PipelineRequest();
        var stages = request.Stages?.Select((s, i) => PipelineStages.All.Contains(s)
            ? s
            : throw new InvalidRequestException($"Invalid value for 'stages[{i}]': '{Shorten(s ?? "")}' is not a stage; use {string.Join(", ", PipelineStages.All)}.", $"stages[{i}]")).ToList();
        if (stages is { Count: 0 }) throw new InvalidRequestException($"Invalid value for 'stages': give at least one of {string.Join(", ", PipelineStages.All)}, or leave it out to run all.", "stages");
        var spec = new PipelineSpec
        {
            Preset = PresetName(request.Preset),
            Seed = Seed(request.Seed),
            InitFrom = request.InitFrom is null ? null : CheckpointName(request.InitFrom, "init_from", willBePublished),
            Stages = stages?.Distinct().OrderBy(s => PipelineStages.All.ToList().IndexOf(s)).ToList(),
            Hyperparameters = InstructGpt.Api.Jobs.Hyperparameters.ToAssignments(request.Hyperparameters),
        };
        PipelinePreset(spec);
        return spec;
    }

    /// <summary>The preset with the pipeline's "stage.Setting" overrides applied.</summary>
    public static TrainingPreset PipelinePreset(PipelineSpec spec) =>
        InstructGpt.Api.Jobs.Hyperparameters.Apply(TrainingPresets.Get(spec.Preset), spec.Hyperparameters, InstructGpt.Api.Jobs.Hyperparameters.NameOf);

    /// <summary>The directory of a servable checkpoint; a 400 naming <paramref name="param"/> for an invalid or missing name.</summary>
    public string CheckpointDirectory(string name, string param)
    {
        if (!CheckpointCatalog.IsValidName(name, out var problem))
            throw new InvalidRequestException($"Invalid value for '{param}': {problem}.", param, "invalid_model_name");
        return new CheckpointCatalog(CheckpointsDirectory).Find(name)?.Directory ?? throw new InvalidRequestException(
            $"Invalid value for '{param}': there is no checkpoint '{name}'. GET /v1/models lists them.", param, "model_not_found");
    }

    private string CheckpointName(string name, string param, Func<string, bool>? willBePublished)
    {
        if (CheckpointCatalog.IsValidName(name, out _) && !Exists(name) && willBePublished?.Invoke(name) == true) return name;
        CheckpointDirectory(name, param);
        return name;
    }

    private bool Exists(string name) => new CheckpointCatalog(CheckpointsDirectory).Find(name) is not null;

    private static string PresetName(string? preset) => preset switch
    {
        null => DefaultPreset,
        _ when TrainingPresets.All.ContainsKey(preset) => preset.ToLowerInvariant(),
        _ => throw new InvalidRequestException($"Invalid value for 'preset': '{Shorten(preset)}' is not a preset; use one of {string.Join(", ", TrainingPresets.All.Keys)}.", "preset"),
    };

    private static ulong Seed(long? seed) => seed switch
    {
        null => 1,
        < 0 => throw new InvalidRequestException($"Invalid value for 'seed': {seed} is negative; use an integer from 0 to {long.MaxValue}.", "seed"),
        _ => (ulong)seed.Value,
    };

    private static string Shorten(string s) => s.Length <= 64 ? s : s[..64] + "…";
}
