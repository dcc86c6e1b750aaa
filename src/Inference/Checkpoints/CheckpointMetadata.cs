using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace InstructGpt.Inference.Checkpoints;

/// <summary>
/// instructgpt.json: where a checkpoint came from (stage, parent, data), how it was made
/// (hyperparameters, steps, time) and what it scored.
/// </summary>
public sealed record CheckpointMetadata
{
    /// <summary>"base" (pretrained), "sft", "rm", "ppo", "ppo-ptx", or "imported" for outside checkpoints.</summary>
    [JsonPropertyName("stage")] public string Stage { get; init; } = "imported";
    /// <summary>Which head the weights carry: "lm", "reward" or "value".</summary>
    [JsonPropertyName("head")] public string Head { get; init; } = "lm";
    [JsonPropertyName("parent")] public string? Parent { get; init; }
    /// <summary>Dataset name → SHA-256 of its file.</summary>
    [JsonPropertyName("data_hashes")] public Dictionary<string, string> DataHashes { get; init; } = [];
    [JsonPropertyName("hyperparameters")] public JsonObject Hyperparameters { get; init; } = [];
    [JsonPropertyName("steps")] public long Steps { get; init; }
    [JsonPropertyName("metrics")] public Dictionary<string, double> Metrics { get; init; } = [];
    [JsonPropertyName("created_at")] public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    [JsonPropertyName("train_seconds")] public double TrainSeconds { get; init; }
    [JsonPropertyName("seed")] public long? Seed { get; init; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }

    internal static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static CheckpointMetadata FromJson(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<CheckpointMetadata>(json, JsonOptions) ?? throw new InvalidDataException($"{source}: expected a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: invalid JSON at line {(e.LineNumber ?? 0) + 1}, field {e.Path}: {e.Message}", e);
        }
    }
}
