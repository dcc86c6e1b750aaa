using System.Text.Json;
using System.Text.RegularExpressions;
using InstructGpt.Api.Errors;
using InstructGpt.Training.Pipeline;
using InstructGpt.Training.Settings;

namespace InstructGpt.Api.Jobs;

/// <summary>
/// A request's "hyperparameters" object as typed <see cref="SettingOverride"/>s, and their application to a preset,
/// with every problem a 400 whose param is "hyperparameters.Name" and whose message says what the setting takes.
/// </summary>
public static partial class Hyperparameters
{
    public const int MaxCount = 64;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*(\\.[A-Za-z][A-Za-z0-9_]*)?$")]
    private static partial Regex NamePattern();

    /// <summary>The request's overrides: of <paramref name="stage"/>'s settings, or stage-prefixed ("sft.Epochs") for a pipeline (null).</summary>
    public static IReadOnlyList<SettingOverride> FromRequest(Dictionary<string, JsonElement>? values, string? stage)
    {
        if (values is null) return [];
        if (values.Count > MaxCount)
            throw new InvalidRequestException($"Invalid value for 'hyperparameters': {values.Count} settings given; at most {MaxCount} are allowed.", "hyperparameters");
        var overrides = new List<SettingOverride>();
        foreach (var (name, value) in values)
        {
            var param = $"hyperparameters.{name}";
            if (!NamePattern().IsMatch(name))
                throw new InvalidRequestException($"Invalid hyperparameter name '{Shorten(name)}': use a setting name such as \"LearningRate\" (pipelines: \"sft.LearningRate\").", param);
            var text = value.ValueKind switch
            {
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.String => value.GetString()!,
                _ => throw new InvalidRequestException($"Invalid type for '{param}': expected a number, a string or a boolean, got {value.ValueKind.ToString().ToLowerInvariant()}.", param),
            };
            overrides.Add(Named(() => SettingsOverrides.Of(name, text, stage)));
        }
        return overrides;
    }

    /// <summary>The overrides a stored spec kept as "Name=value" (a job prepared again after a restart).</summary>
    public static IReadOnlyList<SettingOverride> FromSpec(IReadOnlyList<string> assignments, string? stage) =>
        Named(() => SettingsOverrides.Split(assignments, stage));

    /// <summary>The preset with the overrides applied; a 400 naming the one that does not fit.</summary>
    public static TrainingPreset Apply(TrainingPreset preset, IReadOnlyList<SettingOverride> overrides)
    {
        try
        {
            return Named(() => SettingsOverrides.Apply(preset, overrides));
        }
        catch (InconsistentSettingsException e)
        {
            var key = e.Setting is { } member ? overrides.FirstOrDefault(o => o.Setting.EndsWith(member, StringComparison.OrdinalIgnoreCase))?.Key ?? member : null;
            throw new InvalidRequestException($"Invalid hyperparameters: {e.Message}", key is null ? "hyperparameters" : $"hyperparameters.{key}");
        }
    }

    private static T Named<T>(Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (SettingOverrideException e)
        {
            throw new InvalidRequestException($"Invalid hyperparameter '{e.Key}': {e.Message}", $"hyperparameters.{e.Key}");
        }
    }

    private static string Shorten(string s) => s.Length <= 64 ? s : s[..64] + "…";
}
