using InstructGpt.Training.Pipeline;

namespace InstructGpt.Api.Jobs;

/// <summary>A training job's spec resolved against the data directory: its preset, and the real path of each dataset.</summary>
public sealed record StageJobPlan
{
    public required TrainingJobSpec Spec { get; init; }
    /// <summary>The server's data directory ($INSTRUCTGPT_HOME).</summary>
    public required string Home { get; init; }
    /// <summary>The preset before the job's overrides (StageRunner applies them).</summary>
    public required TrainingPreset Preset { get; init; }
    /// <summary>Role → file.</summary>
    public IReadOnlyDictionary<string, string> Datasets { get; init; } = new Dictionary<string, string>();
}
