using InstructGpt.Training.Settings;

namespace InstructGpt.Training.Stages;

/// <summary>Reward-model training (InstructGPT §3.5, App. C.2): one epoch over K-wise comparisons, cosine schedule.</summary>
public sealed record RewardModelSettings
{
    public int Epochs { get; init; } = PaperSettings.RmEpochs;
    /// <summary>Prompts per batch; each brings all K of its outputs.</summary>
    public int BatchPrompts { get; init; } = PaperSettings.RmBatchPrompts;
    public double LearningRate { get; init; } = PaperSettings.RmLearningRate;
    public double FinalLearningRateFraction { get; init; } = 0.1;
    public int WarmupSteps { get; init; }
    public double WeightDecay { get; init; } = 0.0;
    public double GradientClip { get; init; } = 1.0;
    public int MaxLength { get; init; } = 256;
    public int ValidateEvery { get; init; } = 50;
}
