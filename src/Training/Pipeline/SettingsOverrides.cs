using System.Text.Json;
using System.Text.Json.Nodes;
using InstructGpt.Training.Settings;
using InstructGpt.Training.Stages;

namespace InstructGpt.Training.Pipeline;

/// <summary>
/// Overrides of a preset's settings (the CLI's <c>--set sft.LearningRate=1e-4</c>, the API's <c>hyperparameters</c>):
/// <see cref="Split"/> parses <c>Name=value</c> once into <see cref="SettingOverride"/>s, <see cref="Apply"/> applies
/// them through each settings record's JSON form, so every property type parses the way JSON does.
/// </summary>
public static class SettingsOverrides
{
    /// <summary>Stage prefixes a pipeline's overrides carry.</summary>
    public static readonly IReadOnlyList<string> StagePrefixes = [PipelineStages.Pretrain, PipelineStages.Sft, PipelineStages.Comparisons, PipelineStages.RewardModel, PipelineStages.Ppo, PipelineStages.PpoPtx];

    /// <summary>
    /// Parses <c>Name=value</c> assignments. With <paramref name="stage"/>, every name is a setting of that stage
    /// (<c>Epochs=2</c>); without, each is prefixed with its stage (<c>rm.Epochs=2</c>).
    /// </summary>
    public static IReadOnlyList<SettingOverride> Split(IEnumerable<string> assignments, string? stage = null) =>
        assignments.Select(a => a.IndexOf('=') is var split and > 0
            ? Of(a[..split], a[(split + 1)..], stage)
            : throw new SettingOverrideException(a, $"expects Name=value, got '{a}'")).ToList();

    /// <summary>One override; see <see cref="Split"/> for <paramref name="stage"/>.</summary>
    public static SettingOverride Of(string key, string value, string? stage = null)
    {
        if (stage is not null) return new SettingOverride(key, stage, key, value);
        // Longest prefix first, so "ppo-ptx.X" is not read as stage "ppo".
        var prefix = StagePrefixes.OrderByDescending(p => p.Length).FirstOrDefault(p => key.StartsWith(p + ".", StringComparison.OrdinalIgnoreCase))
            ?? throw new SettingOverrideException(key, $"prefix the setting with its stage ({string.Join(", ", StagePrefixes)}), e.g. rm.Epochs=2");
        return new SettingOverride(key, prefix, key[(prefix.Length + 1)..], value);
    }

    /// <summary>
    /// Applies the overrides to a preset's settings records, one at a time, so that a value outside its setting's
    /// range (<see cref="SettingsValidation"/>) is reported as that override's (<see cref="SettingOverrideException"/>);
    /// then the settings that constrain each other (<see cref="InconsistentSettingsException"/>).
    /// </summary>
    public static TrainingPreset Apply(TrainingPreset preset, IReadOnlyList<SettingOverride> overrides)
    {
        foreach (var o in overrides)
        {
            try
            {
                preset = o.Stage switch
                {
                    PipelineStages.Pretrain => preset with { Pretrain = ApplyOne(preset.Pretrain, o) },
                    PipelineStages.Sft => preset with { Sft = ApplyOne(preset.Sft, o) },
                    PipelineStages.Comparisons => preset with { Comparisons = ApplyOne(preset.Comparisons, o) },
                    PipelineStages.RewardModel => preset with { RewardModel = ApplyOne(preset.RewardModel, o) },
                    PipelineStages.Ppo => preset with { Ppo = ApplyOne(preset.Ppo, o) },
                    PipelineStages.PpoPtx => preset with { PpoPtx = ApplyOne(preset.PpoPtx, o) },
                    _ => throw new ArgumentException($"{o.Stage} is not a stage with settings; use one of {string.Join(", ", StagePrefixes)}"),
                };
            }
            catch (ArgumentException e) when (e is not SettingOverrideException)
            {
                throw new SettingOverrideException(o.Key, e.Message);
            }
        }
        RequireConsistent(preset);
        return preset;
    }

    /// <summary><see cref="Apply"/> for stage-prefixed assignments (the CLI's <c>pipeline --set</c>).</summary>
    public static TrainingPreset ApplyToPreset(TrainingPreset preset, IReadOnlyList<string> assignments) => Apply(preset, Split(assignments));

    /// <summary>Each stage's settings record with its defaults, in pipeline order (the README's settings table).</summary>
    public static IReadOnlyList<(string Stage, object Defaults)> StageDefaults =>
    [
        (PipelineStages.Pretrain, new PretrainSettings()), (PipelineStages.Sft, new SftSettings()),
        (PipelineStages.Comparisons, new ComparisonSettings()), (PipelineStages.RewardModel, new RewardModelSettings()),
        (PipelineStages.Ppo, new PpoSettings()),
    ];

    /// <summary>The checks between settings of one stage (MinibatchSize at most BatchSize, ...), once every override is in.</summary>
    public static void RequireConsistent(TrainingPreset preset)
    {
        foreach (var settings in new object[] { preset.Pretrain, preset.Sft, preset.Comparisons, preset.RewardModel, preset.Ppo, preset.PpoPtx })
            SettingsValidation.RequireConsistent(settings);
    }

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private static T ApplyOne<T>(T settings, SettingOverride o) where T : class
    {
        var node = JsonSerializer.SerializeToNode(settings, Json)!.AsObject();
        var name = o.Setting.Trim().Replace("_", "");
        var key = node.Select(kv => kv.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"{typeof(T).Name} has no setting '{o.Setting}'; settings are {string.Join(", ", node.Select(kv => kv.Key))}");
        var text = o.Value.Trim();
        JsonNode? value;
        try { value = JsonNode.Parse(text); }
        catch (JsonException) { value = JsonValue.Create(text); }
        node[key] = value;
        T result;
        try
        {
            result = node.Deserialize<T>(Json)!;
        }
        catch (JsonException)
        {
            throw new ArgumentException(WrongType<T>(key, text));
        }
        SettingsValidation.RequireInRange(result);
        return result;
    }

    /// <summary>"Epochs must be an integer in [1, 1000] (got 1.5)": the setting, what it takes, and what was given.</summary>
    private static string WrongType<T>(string name, string given)
    {
        var property = typeof(T).GetProperties().FirstOrDefault(x => string.Equals(x.Name, name, StringComparison.OrdinalIgnoreCase));
        if (property is null) return $"a value has the wrong type for a {typeof(T).Name[..^"Settings".Length]} setting (got {given})";
        var expected = SettingsValidation.Allowed(property) ?? "a value of its documented type";
        if (property.GetCustomAttributes(typeof(System.ComponentModel.DescriptionAttribute), false).Length > 0) expected = $"a JSON object: {expected}";
        return $"{property.Name} must be {expected} (got {given})";
    }
}
