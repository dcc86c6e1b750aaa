namespace InstructGpt.Api.Jobs;

/// <summary>
/// A training job's request after validation, with its defaults filled in. Stored as the job's request_json, so a
/// job resumed after a restart runs exactly what was accepted; the worker prepares the stage from it only when the plan
/// made at acceptance is not held any more (<see cref="PreparedStagePlans"/>).
/// </summary>
public sealed record TrainingJobSpec
{
    public required string Stage { get; init; }
    public required string Preset { get; init; }
    public string? InitFrom { get; init; }
    public string? RewardModel { get; init; }
    public IReadOnlyDictionary<string, string> Datasets { get; init; } = new Dictionary<string, string>();
    /// <summary>The overrides as "Name=value" (<see cref="InstructGpt.Training.Pipeline.SettingOverride"/>'s text; <see cref="Hyperparameters.FromSpec"/> reads them back).</summary>
    public IReadOnlyList<string> Hyperparameters { get; init; } = [];
    public required string Output { get; init; }
    public ulong Seed { get; init; } = 1;
}
