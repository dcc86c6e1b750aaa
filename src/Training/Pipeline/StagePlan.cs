using InstructGpt.Inference.Checkpoints;
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

    /// <summary>
    /// Every file <see cref="StageRunner.Prepare"/> read to make this plan: the datasets, and the config and tokenizer
    /// files of the tokenizer directory and of each checkpoint it starts from. While none of them has changed, the
    /// plan still describes what is on disk (a server holds one from a job's acceptance until it runs).
    /// </summary>
    public IEnumerable<string> InputFiles =>
        Datasets.Files.Values.Concat(new[] { InitDirectory, RewardDirectory, Layout.Tokenizer }.OfType<string>().Concat(PolicyDirectories.Values)
            .SelectMany(d => new[] { CheckpointFiles.Config, CheckpointFiles.Vocabulary, CheckpointFiles.Merges }.Select(f => Path.Combine(d, f))));
}
