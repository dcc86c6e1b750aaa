using System.ComponentModel.DataAnnotations;
using InstructGpt.Training.Settings;

namespace InstructGpt.Training.Stages;

/// <summary>Supervised fine-tuning on demonstrations (InstructGPT App. C.1): 16 epochs, cosine decay to 10% with no warmup, residual dropout 0.2.</summary>
public sealed record SftSettings
{
    [Range(1, 1000)]
    public int Epochs { get; init; } = PaperSettings.SftEpochs;
    [Range(1, 4096)]
    public int BatchSize { get; init; } = PaperSettings.SftBatchSize;
    [Range(0.0, 1.0, MinimumIsExclusive = true)]
    public double LearningRate { get; init; } = PaperSettings.SftLearningRate;
    [Range(0.0, 1.0)]
    public double FinalLearningRateFraction { get; init; } = PaperSettings.SftFinalLearningRateFraction;
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double ResidualDropout { get; init; } = PaperSettings.SftResidualDropout;
    [Range(0.0, 1.0)]
    public double WeightDecay { get; init; } = 0.0;
    [Range(0.0, 1e6, MinimumIsExclusive = true)]
    public double GradientClip { get; init; } = 1.0;
    [Range(2, 65_536)]
    public int MaxLength { get; init; } = 256;
    /// <summary>Validate (and maybe keep the weights) every this many steps; also once per epoch end is typical.</summary>
    [Range(1, 1_000_000_000)]
    public int ValidateEvery { get; init; } = 50;
}
