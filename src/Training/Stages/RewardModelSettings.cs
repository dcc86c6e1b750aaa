using System.ComponentModel.DataAnnotations;
using InstructGpt.Training.Settings;

namespace InstructGpt.Training.Stages;

/// <summary>Reward-model training (InstructGPT §3.5, App. C.2): one epoch over K-wise comparisons, cosine schedule.</summary>
public sealed record RewardModelSettings
{
    [Range(1, 1000)]
    public int Epochs { get; init; } = PaperSettings.RmEpochs;
    /// <summary>Prompts per batch; each brings all K of its outputs.</summary>
    [Range(1, 4096)]
    public int BatchPrompts { get; init; } = PaperSettings.RmBatchPrompts;
    [Range(0.0, 1.0, MinimumIsExclusive = true)]
    public double LearningRate { get; init; } = PaperSettings.RmLearningRate;
    [Range(0.0, 1.0)]
    public double FinalLearningRateFraction { get; init; } = 0.1;
    [Range(0, 10_000_000)]
    public int WarmupSteps { get; init; }
    [Range(0.0, 1.0)]
    public double WeightDecay { get; init; } = 0.0;
    /// <summary>
    /// Dropout in every layer while the RM trains. 0, as TRL's reward trainer does by default (disable_dropout): at tiny
    /// size the RM ranked two SFT samples like the labeler on 52.6% of held-out pairs without dropout and 51.7% with the
    /// SFT model's (docs/results.md).
    /// </summary>
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double Dropout { get; init; }
    [Range(0.0, 1e6, MinimumIsExclusive = true)]
    public double GradientClip { get; init; } = 1.0;
    [Range(2, 65_536)]
    public int MaxLength { get; init; } = 256;
    [Range(1, 1_000_000_000)]
    public int ValidateEvery { get; init; } = 50;
}
