using System.ComponentModel.DataAnnotations;
namespace InstructGpt.Training.Stages;

/// <summary>Causal-LM pretraining on packed text (GPT-3 style: AdamW β=(0.9, 0.95), cosine schedule with warmup, clipping).</summary>
public sealed record PretrainSettings
{
    [Range(1, 1000)]
    public int Epochs { get; init; } = 1;
    [Range(1, 4096)]
    public int BatchSize { get; init; } = 16;
    [Range(2, 65_536)]
    public int BlockSize { get; init; } = 128;
    [Range(0.0, 1.0, MinimumIsExclusive = true)]
    public double LearningRate { get; init; } = 1e-3;
    [Range(0, 10_000_000)]
    public int WarmupSteps { get; init; } = 20;
    [Range(0.0, 1.0)]
    public double FinalLearningRateFraction { get; init; } = 0.1;
    [Range(0.0, 1.0)]
    public double WeightDecay { get; init; } = 0.1;
    [Range(0.0, 1e6, MinimumIsExclusive = true)]
    public double GradientClip { get; init; } = 1.0;
    [Range(1, 1_000_000_000)]
    public int ValidateEvery { get; init; } = 100;
    /// <summary>Stop after this many steps even if the epochs are not done (a time budget).</summary>
    [Range(1, 1_000_000_000)]
    public int? MaxSteps { get; init; }
}
