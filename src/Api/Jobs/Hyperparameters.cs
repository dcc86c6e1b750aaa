using System.Text.Json;
using System.Text.RegularExpressions;
using InstructGpt.Api.Errors;
using InstructGpt.Training.Pipeline;

namespace InstructGpt.Api.Jobs;

/// <summary>
/// A request's "hyperparameters" object as the <c>Name=value</c> assignments <see cref="SettingsOverrides"/> reads
/// (the CLI's --set), applied one at a time so that a bad one is reported by name.
/// </summary>
public static partial class Hyperparameters
{
    public const int MaxCount = 64;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*(\\.[A-Za-z][A-Za-z0-9_]*)?$")]
    private static partial Regex NamePattern();

    /// <summary>"Name=value" for each entry; a 400 naming "hyperparameters.Name" for a name or value that cannot be a setting.</summary>
    public static IReadOnlyList<string> ToAssignments(Dictionary<string, JsonElement>? values)
    {
        if (values is null) return [];
        if (values.Count > MaxCount)
            throw new InvalidRequestException($"Invalid value for 'hyperparameters': {values.Count} settings given; at most {MaxCount} are allowed.", "hyperparameters");
        var assignments = new List<string>();
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
            assignments.Add($"{name}={text}");
        }
        return assignments;
    }

    /// <summary>Applies stage-prefixed assignments to a preset; a 400 naming the setting that does not fit.</summary>
    public static TrainingPreset Apply(TrainingPreset preset, IReadOnlyList<string> assignments, Func<string, string> nameOf)
    {
        foreach (var assignment in assignments)
        {
            try
            {
                preset = SettingsOverrides.ApplyToPreset(preset, [assignment], checkConsistency: false);
            }
            catch (ArgumentException e)
            {
                var name = nameOf(assignment);
                throw new InvalidRequestException($"Invalid hyperparameter '{name}': {e.Message.Replace("--set: ", "").Replace("--set ", "")}", $"hyperparameters.{name}");
            }
        }
        try
        {
            SettingsOverrides.RequireConsistent(preset);
        }
        catch (InstructGpt.Training.Settings.InconsistentSettingsException e)
        {
            var setting = e.Setting is { } member ? assignments.Select(nameOf).FirstOrDefault(n => n.EndsWith(member, StringComparison.OrdinalIgnoreCase)) ?? member : null;
            throw new InvalidRequestException($"Invalid hyperparameters: {e.Message}", setting is null ? "hyperparameters" : $"hyperparameters.{setting}");
        }
        return preset;
    }

    /// <summary>The name part of "Name=value".</summary>
    public static string NameOf(string assignment) => assignment[..assignment.IndexOf('=')];

    private static string Shorten(string s) => s.Length <= 64 ? s : s[..64] + "…";
}
