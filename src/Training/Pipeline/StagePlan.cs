using InstructGpt.Inference.Tokenization;

namespace InstructGpt.Training.Pipeline;

/// <summary>A stage run whose inputs have all been resolved, read and validated: what <see cref="StageRunner.Run(StagePlan)"/> trains from.</summary>
public sealed record StagePlan
{
    public required StageRunOptions Options { get; init; }
    public required PipelineLayout Layout { get; init; }
    /// <summary>The preset with this run's overrides applied.</summary>
    public required TrainingPreset Preset { get; init; }
    public required BpeTokenizer Tokenizer { get; init; }
    public required string? InitDirectory { get; init; }
    public required string? RewardDirectory { get; init; }
    /// <summary>Comparisons: the checkpoint directory of each of <see cref="Stages.ComparisonSettings.OtherPolicies"/>, by policy name.</summary>
    public IReadOnlyDictionary<string, string> PolicyDirectories { get; init; } = new Dictionary<string, string>();
    /// <summary>The checkpoint name published under checkpoints/ (comparisons: the data file prefix).</summary>
    public required string OutputName { get; init; }
    public required StageData Datasets { get; init; }
}
