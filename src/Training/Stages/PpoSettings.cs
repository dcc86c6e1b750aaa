using System.ComponentModel.DataAnnotations;
using InstructGpt.Training.Settings;

namespace InstructGpt.Training.Stages;

/// <summary>
/// PPO and PPO-ptx (InstructGPT §3.5, App. C.4). PPO is PPO-ptx with <see cref="PtxCoefficient"/> = 0.
/// The paper's batch is 512 episodes in minibatches of 64, for 256k episodes; presets scale these down.
/// </summary>
public sealed record PpoSettings : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinibatchSize > BatchSize)
            yield return new ValidationResult($"MinibatchSize must be at most BatchSize ({BatchSize}), since each batch is split into minibatches (got {MinibatchSize})", [nameof(MinibatchSize)]);
    }

    [Range(1, 1_000_000_000)]
    public int Episodes { get; init; } = PaperSettings.Episodes;
    [Range(1, 65_536)]
    public int BatchSize { get; init; } = PaperSettings.PpoBatchSize;
    [Range(1, 65_536)]
    public int MinibatchSize { get; init; } = PaperSettings.PpoMinibatchSize;
    /// <summary>Optimisation passes over each rollout batch; 1 is the stable default.</summary>
    [Range(1, 100)]
    public int PpoEpochs { get; init; } = 1;
    [Range(0.0, 1.0, MinimumIsExclusive = true)]
    public double LearningRate { get; init; } = PaperSettings.SftLearningRate;
    [Range(0.0, 1.0, MinimumIsExclusive = true)]
    public double ValueLearningRate { get; init; } = PaperSettings.ValueLearningRate;
    [Range(0, 1_000_000)]
    public int WarmupIterations { get; init; } = PaperSettings.LearningRateWarmupIterations;
    [Range(0.0, 1.0)]
    public double WarmupStartFraction { get; init; } = PaperSettings.WarmupStartFraction;
    [Range(0.0, 100.0)]
    public double KlCoefficient { get; init; } = PaperSettings.KlCoefficient;
    /// <summary>Target KL per sequence for the adaptive controller; null keeps β fixed, as the paper did.</summary>
    [Range(0.0, 1000.0, MinimumIsExclusive = true)]
    public double? AdaptiveKlTarget { get; init; }
    [Range(0.0, 1e9, MinimumIsExclusive = true)]
    public double AdaptiveKlHorizon { get; init; } = 10_000;
    [Range(0.0, 10.0, MinimumIsExclusive = true)]
    public double ClipRange { get; init; } = PaperSettings.ClipRange;
    [Range(0.0, 1e6, MinimumIsExclusive = true)]
    public double ValueClipRange { get; init; } = PaperSettings.ValueClipRange;
    [Range(0.0, 1.0)]
    public double Gamma { get; init; } = PaperSettings.Gamma;
    [Range(0.0, 1.0)]
    public double Lambda { get; init; } = PaperSettings.Lambda;
    [Range(0.0, 2.0, MinimumIsExclusive = true)]
    public double Temperature { get; init; } = PaperSettings.SamplingTemperature;
    [Range(1, 65_536)]
    public int MaxPromptTokens { get; init; } = 128;
    [Range(1, 65_536)]
    public int MaxResponseTokens { get; init; } = 48;
    /// <summary>
    /// A response that never emits EOS (cut off by the length limit) is scored this much below the
    /// lowest score in its batch, so running on is never better than ending. A fixed number would need
    /// to know the RM's scale, which only the bias (not the spread) is normalised for.
    /// </summary>
    [Range(0.0, 1e6)]
    public double MissingEosPenalty { get; init; } = 1.0;
    public bool WhitenRewards { get; init; }
    [Range(0.0, 1e6, MinimumIsExclusive = true)]
    public double GradientClip { get; init; } = 1.0;
    /// <summary>
    /// γ of Eq. 2: weight of the pretraining log-likelihood; 0 for PPO. Any value above 0 turns the pretraining mix
    /// on; with <see cref="PtxGradientRatio"/> set, γ is derived from the gradients instead of taken from here.
    /// </summary>
    [Range(0.0, 1e6)]
    public double PtxCoefficient { get; init; }
    /// <summary>
    /// When set, γ = this × ‖∇ PPO loss‖ / ‖∇ pretraining loss‖ on the first minibatch (<see cref="Ppo.PtxCoefficientRule"/>):
    /// how hard the pretraining term pulls relative to the policy gradient. Null keeps <see cref="PtxCoefficient"/> as given.
    /// </summary>
    [Range(0.0, 1e6, MinimumIsExclusive = true)]
    public double? PtxGradientRatio { get; init; }
    /// <summary>Pretraining sequences per minibatch; the paper used 8 pretraining examples per RL episode.</summary>
    [Range(1, 65_536)]
    public int PtxBatchSize { get; init; } = PaperSettings.PtxExamplesPerEpisode * PaperSettings.PpoMinibatchSize;
    [Range(2, 65_536)]
    public int PtxBlockSize { get; init; } = 128;
}
