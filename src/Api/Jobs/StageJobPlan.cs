using InstructGpt.Training.Pipeline;

namespace InstructGpt.Api.Jobs;

/// <summary>A training job's spec resolved against the data directory: the preset with its overrides, and real paths.</summary>
public sealed record StageJobPlan
{
    public required TrainingJobSpec Spec { get; init; }
    /// <summary>The server's data directory ($INSTRUCTGPT_HOME).</summary>
    public required string Home { get; init; }
    public required TrainingPreset Preset { get; init; }
    /// <summary>The starting checkpoint's directory, when the request named one.</summary>
    public string? InitFrom { get; init; }
    /// <summary>Role → file.</summary>
    public IReadOnlyDictionary<string, string> Datasets { get; init; } = new Dictionary<string, string>();
}
