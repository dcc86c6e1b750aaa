using InstructGpt.Training.Stages;
using InstructGpt.Training.Settings;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace InstructGpt.Training.Pipeline;

/// <summary>
/// Applies <c>Name=value</c> overrides to a settings record (the CLI's <c>--set sft.LearningRate=1e-4</c>, the
/// API's <c>hyperparameters</c>), through its JSON form so every property type parses the way JSON does.
/// </summary>
public static class SettingsOverrides
{
    /// <summary>Stage prefixes accepted by <see cref="ApplyToPreset"/>.</summary>
    public static readonly IReadOnlyList<string> StagePrefixes = [PipelineStages.Pretrain, PipelineStages.Sft, PipelineStages.Comparisons, PipelineStages.RewardModel, PipelineStages.Ppo, PipelineStages.PpoPtx];

    /// <summary>
    /// Applies stage-prefixed overrides (<c>rm.Epochs=2</c>, <c>ppo.KlCoefficient=0.05</c>) to a preset's settings
    /// records. Every value must lie in its setting's range (<see cref="SettingsValidation"/>); with
    /// <paramref name="checkConsistency"/>, settings that constrain each other are checked too, which a caller applying
    /// overrides one at a time does once after the last.
    /// </summary>
    public static TrainingPreset ApplyToPreset(TrainingPreset preset, IReadOnlyList<string> assignments, bool checkConsistency = true)
    {
        // Longest prefix first, so "ppo-ptx.X" is not read as stage "ppo".
        string? StageOf(string a) => StagePrefixes.OrderByDescending(p => p.Length).FirstOrDefault(p => a.StartsWith(p + ".", StringComparison.OrdinalIgnoreCase));
        foreach (var a in assignments)
            if (StageOf(a) is null)
                throw new ArgumentException($"--set {a}: prefix the setting with its stage ({string.Join(", ", StagePrefixes)}), e.g. rm.Epochs=2");
        IEnumerable<string> For(string stage) => assignments.Where(a => string.Equals(StageOf(a), stage, StringComparison.OrdinalIgnoreCase)).Select(a => a[(stage.Length + 1)..]);
        var result = preset with
        {
            Pretrain = Apply(preset.Pretrain, For(PipelineStages.Pretrain)),
            Sft = Apply(preset.Sft, For(PipelineStages.Sft)),
            Comparisons = Apply(preset.Comparisons, For(PipelineStages.Comparisons)),
            RewardModel = Apply(preset.RewardModel, For(PipelineStages.RewardModel)),
            Ppo = Apply(preset.Ppo, For(PipelineStages.Ppo)),
            PpoPtx = Apply(preset.PpoPtx, For(PipelineStages.PpoPtx)),
        };
        if (checkConsistency) RequireConsistent(result);
        return result;
    }

    /// <summary>"Epochs must be an integer in [1, 1000] (got 1.5)": the setting, what it takes, and what was given.</summary>
    private static string WrongType<T>(string? jsonPath, IEnumerable<string> assignments)
    {
        var name = jsonPath is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..].Split('.', '[')[0] : null;
        var property = name is null ? null : typeof(T).GetProperties().FirstOrDefault(x => string.Equals(x.Name, name, StringComparison.OrdinalIgnoreCase));
        if (property is null) return $"--set: a value has the wrong type for a {typeof(T).Name[..^"Settings".Length]} setting";
        var given = assignments.Select(a => a.Split('=', 2)).Where(a => a.Length == 2 && string.Equals(a[0].Trim().Replace("_", ""), property.Name, StringComparison.OrdinalIgnoreCase))
            .Select(a => a[1].Trim()).LastOrDefault() ?? "?";
        var expected = SettingsValidation.Allowed(property) ?? "a value of its documented type";
        if (property.GetCustomAttributes(typeof(System.ComponentModel.DescriptionAttribute), false).Length > 0) expected = $"a JSON object: {expected}";
        return $"{property.Name} must be {expected} (got {given})";
    }

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

    public static T Apply<T>(T settings, IEnumerable<string> assignments) where T : class
    {
        var node = JsonSerializer.SerializeToNode(settings, Json)!.AsObject();
        foreach (var assignment in assignments)
        {
            var split = assignment.IndexOf('=');
            if (split <= 0) throw new ArgumentException($"--set expects Name=value, got '{assignment}'");
            var name = assignment[..split].Trim().Replace("_", "");
            var key = node.Select(kv => kv.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"--set: {typeof(T).Name} has no setting '{assignment[..split]}'; settings are {string.Join(", ", node.Select(kv => kv.Key))}");
            var text = assignment[(split + 1)..].Trim();
            JsonNode? value;
            try { value = JsonNode.Parse(text); }
            catch (JsonException) { value = JsonValue.Create(text); }
            node[key] = value;
        }
        T result;
        try
        {
            result = node.Deserialize<T>(Json)!;
        }
        catch (JsonException e)
        {
            throw new ArgumentException(WrongType<T>(e.Path, assignments));
        }
        SettingsValidation.RequireInRange(result);
        return result;
    }
}
