namespace InstructGpt.Training.Stages;

/// <summary>Causal-LM pretraining on packed text (GPT-3 style: AdamW β=(0.9, 0.95), cosine schedule with warmup, clipping).</summary>
public sealed record PretrainSettings
{
    public int Epochs { get; init; } = 1;
    public int BatchSize { get; init; } = 16;
    public int BlockSize { get; init; } = 128;
    public double LearningRate { get; init; } = 1e-3;
    public int WarmupSteps { get; init; } = 20;
    public double FinalLearningRateFraction { get; init; } = 0.1;
    public double WeightDecay { get; init; } = 0.1;
    public double GradientClip { get; init; } = 1.0;
    public int ValidateEvery { get; init; } = 100;
    /// <summary>Stop after this many steps even if the epochs are not done (a time budget).</summary>
    public int? MaxSteps { get; init; }
}
