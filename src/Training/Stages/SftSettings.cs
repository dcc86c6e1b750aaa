using InstructGpt.Training.Settings;

namespace InstructGpt.Training.Stages;

/// <summary>Supervised fine-tuning on demonstrations (InstructGPT App. C.1): 16 epochs, cosine decay to 10% with no warmup, residual dropout 0.2.</summary>
public sealed record SftSettings
{
    public int Epochs { get; init; } = PaperSettings.SftEpochs;
    public int BatchSize { get; init; } = PaperSettings.SftBatchSize;
    public double LearningRate { get; init; } = PaperSettings.SftLearningRate;
    public double FinalLearningRateFraction { get; init; } = PaperSettings.SftFinalLearningRateFraction;
    public double ResidualDropout { get; init; } = PaperSettings.SftResidualDropout;
    public double WeightDecay { get; init; } = 0.0;
    public double GradientClip { get; init; } = 1.0;
    public int MaxLength { get; init; } = 256;
    /// <summary>Validate (and maybe keep the weights) every this many steps; also once per epoch end is typical.</summary>
    public int ValidateEvery { get; init; } = 50;
}
