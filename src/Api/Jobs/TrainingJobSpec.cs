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
