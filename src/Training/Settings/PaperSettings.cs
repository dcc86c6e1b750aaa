namespace InstructGpt.Training.Settings;

/// <summary>
/// The InstructGPT paper's training settings (Ouyang et al., 2022, §3.5 and Appendix C). Presets
/// start from these and scale only what a small model or a CPU budget forces them to.
/// </summary>
public static class PaperSettings
{
    // All stages: Adam with β1 = 0.9, β2 = 0.95 (App. C, following GPT-3).
    public const double AdamBeta1 = 0.9;
    public const double AdamBeta2 = 0.95;

    // SFT (App. C.1).
    public const int SftEpochs = 16;
    public const double SftResidualDropout = 0.2;
    public const double SftFinalLearningRateFraction = 0.1; // cosine decay to 10% of peak, no warmup
    public const double SftLearningRate = 9.65e-6;          // 1.3B and 6B models
    public const int SftBatchSize = 32;

    // Reward model (§3.5, App. C.2).
    public const int RmEpochs = 1;                          // more epochs overfit
    public const double RmLearningRate = 9e-6;
    public const int RmBatchPrompts = 64;
    public const int MinComparisonsK = 4;                   // labelers rank K = 4..9 outputs
    public const int MaxComparisonsK = 9;

    // PPO (§3.5, App. C.4).
    public const double KlCoefficient = 0.02;               // β
    public const double PtxCoefficient = 27.8;              // γ
    public const int PtxExamplesPerEpisode = 8;             // 8× more pretraining examples than RL episodes
    public const int Episodes = 256_000;
    public const int PpoBatchSize = 512;
    public const int PpoMinibatchSize = 64;
    public const double ClipRange = 0.2;
    public const double ValueClipRange = 0.2;
    public const double Gamma = 1.0;                        // no discount
    public const double Lambda = 0.95;
    public const double SamplingTemperature = 1.0;
    public const double ValueLearningRate = 9e-6;
    public const int LearningRateWarmupIterations = 10;     // from a tenth of the peak, then constant
    public const double WarmupStartFraction = 0.1;
    public const double EmaDecay = 0.992;
    public const int MaxPromptTokens = 1024;
    public const int MaxResponseTokens = 1024;
}
