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

    /// <summary>
    /// The request with its defaults filled in (what the job stores), and, when every checkpoint it starts from exists,
    /// the stage prepared from it: every dataset read and validated, once, at acceptance (<see cref="PreparedStagePlans"/>
    /// carries it to the worker).
    /// </summary>
    /// <param name="willBePublished">
    /// Whether a queued or running job will publish a checkpoint that does not exist yet. A request naming one is
    /// accepted and waits for it (jobs run one at a time, in order); the plan is null then, and what depends on that
    /// checkpoint is checked when the job starts.
    /// </param>
    public (TrainingJobSpec Spec, StagePlan? Plan) Validate(TrainingJobRequest? request, Func<string, bool>? willBePublished = null)
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
        var presetName = PresetName(request.Preset);
        var initFrom = request.InitFrom is null ? null : CheckpointName(request.InitFrom, "init_from", willBePublished);
        var rewardModel = request.RewardModel is null ? null : CheckpointName(request.RewardModel, "reward_model", willBePublished);
        var overrides = Hyperparameters.FromRequest(request.Hyperparameters, stage);
        var spec = new TrainingJobSpec
        {
            Stage = stage,
            Preset = presetName,
            InitFrom = initFrom,
            RewardModel = rewardModel,
            Datasets = datasets,
            Hyperparameters = overrides.Select(o => o.ToString()).ToList(),
            Output = output,
            Seed = Seed(request.Seed),
        };
        var preset = Hyperparameters.Apply(TrainingPresets.Get(presetName), overrides);
        // With a checkpoint still to come, the stage cannot be prepared yet: the job prepares it when it starts.
        var pending = new[] { initFrom, rewardModel }.OfType<string>().Any(n => !Exists(n));
        return (spec, pending ? null : Prepare(spec, preset));
    }

    /// <summary>
    /// Reads and validates the stage's inputs as they are on disk now; a 400 naming the field otherwise (a dataset's
    /// role with its bad line, a hyperparameter, a missing checkpoint).
    /// </summary>
    /// <param name="preset">The preset with the job's hyperparameters applied, when the caller has just done so; otherwise they are read from the spec.</param>
    public StagePlan Prepare(TrainingJobSpec spec, TrainingPreset? preset = null)
    {
        preset ??= Hyperparameters.Apply(TrainingPresets.Get(spec.Preset),
            Hyperparameters.FromSpec(spec.Hyperparameters, spec.Stage));
        foreach (var (name, param) in new[] { (spec.InitFrom, "init_from"), (spec.RewardModel, "reward_model") })
            if (name is not null) CheckpointDirectory(name, param);
        return StageJob.Prepare(new StageRunOptions
        {
            Stage = spec.Stage,
            Home = Home,
            Preset = preset,
            InitFrom = spec.InitFrom,
            RewardModel = spec.RewardModel,
            Datasets = spec.Datasets.ToDictionary(kv => kv.Key, kv => Datasets.Resolve(kv.Value, $"datasets.{kv.Key}")),
            OutputName = spec.Output,
            Seed = spec.Seed,
        });
    }

    /// <param name="willBePublished">As for a training job: an init checkpoint a queued job will publish is waited for.</param>
    public PipelineSpec Validate(PipelineRequest? request, Func<string, bool>? willBePublished = null)
    {
        request ??= new PipelineRequest();
        var stages = request.Stages?.Select((s, i) => PipelineStages.All.Contains(s)
            ? s
            : throw new InvalidRequestException($"Invalid value for 'stages[{i}]': '{Shorten(s ?? "")}' is not a stage; use {string.Join(", ", PipelineStages.All)}.", $"stages[{i}]")).ToList();
        if (stages is { Count: 0 }) throw new InvalidRequestException($"Invalid value for 'stages': give at least one of {string.Join(", ", PipelineStages.All)}, or leave it out to run all.", "stages");
        var presetName = PresetName(request.Preset);
        var seed = Seed(request.Seed);
        var initFrom = request.InitFrom is null ? null : CheckpointName(request.InitFrom, "init_from", willBePublished);
        var overrides = Hyperparameters.FromRequest(request.Hyperparameters, stage: null);
        var spec = new PipelineSpec
        {
            Preset = presetName,
            Seed = seed,
            InitFrom = initFrom,
            Stages = stages?.Distinct().OrderBy(s => PipelineStages.All.ToList().IndexOf(s)).ToList(),
            Hyperparameters = overrides.Select(o => o.ToString()).ToList(),
        };
        Hyperparameters.Apply(TrainingPresets.Get(spec.Preset), overrides);
        return spec;
    }

    /// <summary>The preset with the pipeline's "stage.Setting" overrides applied.</summary>
    public static TrainingPreset PipelinePreset(PipelineSpec spec) =>
        Hyperparameters.Apply(TrainingPresets.Get(spec.Preset), Hyperparameters.FromSpec(spec.Hyperparameters, stage: null));

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
