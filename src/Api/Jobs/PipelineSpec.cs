namespace InstructGpt.Api.Jobs;

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
