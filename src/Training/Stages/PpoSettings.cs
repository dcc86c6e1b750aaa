using InstructGpt.Training.Settings;

namespace InstructGpt.Training.Stages;

/// <summary>
/// PPO and PPO-ptx (InstructGPT §3.5, App. C.4). PPO is PPO-ptx with <see cref="PtxCoefficient"/> = 0.
/// The paper's batch is 512 episodes in minibatches of 64, for 256k episodes; presets scale these down.
/// </summary>
public sealed record PpoSettings
{
    public int Episodes { get; init; } = PaperSettings.Episodes;
    public int BatchSize { get; init; } = PaperSettings.PpoBatchSize;
    public int MinibatchSize { get; init; } = PaperSettings.PpoMinibatchSize;
    /// <summary>Optimisation passes over each rollout batch; 1 is the stable default.</summary>
    public int PpoEpochs { get; init; } = 1;
    public double LearningRate { get; init; } = PaperSettings.SftLearningRate;
    public double ValueLearningRate { get; init; } = PaperSettings.ValueLearningRate;
    public int WarmupIterations { get; init; } = PaperSettings.LearningRateWarmupIterations;
    public double WarmupStartFraction { get; init; } = PaperSettings.WarmupStartFraction;
    public double KlCoefficient { get; init; } = PaperSettings.KlCoefficient;
    /// <summary>Target KL per sequence for the adaptive controller; null keeps β fixed, as the paper did.</summary>
    public double? AdaptiveKlTarget { get; init; }
    public double AdaptiveKlHorizon { get; init; } = 10_000;
    public double ClipRange { get; init; } = PaperSettings.ClipRange;
    public double ValueClipRange { get; init; } = PaperSettings.ValueClipRange;
    public double Gamma { get; init; } = PaperSettings.Gamma;
    public double Lambda { get; init; } = PaperSettings.Lambda;
    public double Temperature { get; init; } = PaperSettings.SamplingTemperature;
    public int MaxPromptTokens { get; init; } = 128;
    public int MaxResponseTokens { get; init; } = 48;
    /// <summary>
    /// A response that never emits EOS (cut off by the length limit) is scored this much below the
    /// lowest score in its batch, so running on is never better than ending. A fixed number would need
    /// to know the RM's scale, which only the bias (not the spread) is normalised for.
    /// </summary>
    public double MissingEosPenalty { get; init; } = 1.0;
    public bool WhitenRewards { get; init; }
    public double GradientClip { get; init; } = 1.0;
    /// <summary>
    /// γ of Eq. 2: weight of the pretraining log-likelihood; 0 for PPO. Any value above 0 turns the pretraining mix
    /// on; with <see cref="PtxGradientRatio"/> set, γ is derived from the gradients instead of taken from here.
    /// </summary>
    public double PtxCoefficient { get; init; }
    /// <summary>
    /// When set, γ = this × ‖∇ PPO loss‖ / ‖∇ pretraining loss‖ on the first minibatch (<see cref="Ppo.PtxCoefficientRule"/>):
    /// how hard the pretraining term pulls relative to the policy gradient. Null keeps <see cref="PtxCoefficient"/> as given.
    /// </summary>
    public double? PtxGradientRatio { get; init; }
    /// <summary>Pretraining sequences per minibatch; the paper used 8 pretraining examples per RL episode.</summary>
    public int PtxBatchSize { get; init; } = PaperSettings.PtxExamplesPerEpisode * PaperSettings.PpoMinibatchSize;
    public int PtxBlockSize { get; init; } = 128;
}
