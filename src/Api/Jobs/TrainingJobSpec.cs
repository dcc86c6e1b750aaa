using System.Text.Json;
using InstructGpt.Api.Errors;

namespace InstructGpt.Api.Jobs;

/// <summary>
/// A training job's request after validation, with its defaults filled in. Stored as the job's request_json, so a
/// job resumed after a restart runs exactly what was accepted.
/// </summary>
public sealed record TrainingJobSpec
{
    public required string Stage { get; init; }
    public required string Preset { get; init; }
    public string? InitFrom { get; init; }
    public string? RewardModel { get; init; }
    public IReadOnlyDictionary<string, string> Datasets { get; init; } = new Dictionary<string, string>();
    /// <summary>"Name=value" assignments, in the form <see cref="InstructGpt.Training.Pipeline.SettingsOverrides"/> reads.</summary>
    public IReadOnlyList<string> Hyperparameters { get; init; } = [];
    public required string Output { get; init; }
    public ulong Seed { get; init; } = 1;
}

/// <summary>A pipeline job's request after validation (its request_json).</summary>
public sealed record PipelineSpec
{
    public required string Preset { get; init; }
    public ulong Seed { get; init; } = 1;
    public string? InitFrom { get; init; }
    /// <summary>Null runs every stage.</summary>
    public IReadOnlyList<string>? Stages { get; init; }
    /// <summary>"stage.Setting=value" assignments.</summary>
    public IReadOnlyList<string> Hyperparameters { get; init; } = [];
}

/// <summary>How specs are written to and read from request_json.</summary>
public static class JobSpecJson
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions();
        ApiJson.Configure(options);
        return options;
    }

    public static string Write<T>(T spec) => JsonSerializer.Serialize(spec, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"a job's request_json is empty: {json}");
}
