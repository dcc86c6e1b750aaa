using InstructGpt.Inference.Model;
using InstructGpt.Training.Stages;
using InstructGpt.Training.World;

namespace InstructGpt.Training.Pipeline;

/// <summary>
/// Everything a pipeline run needs to know about one size: the model, the world it trains in, the
/// tokenizer size, and each stage's settings. Values come from the paper (Settings/PaperSettings) except
/// where a small model or a CPU budget forces them; each such change is noted where it is made.
/// </summary>
public sealed record TrainingPreset
{
    public required string Name { get; init; }
    public required GptConfig Model { get; init; }
    public required WorldSize World { get; init; }
    /// <summary>Size of the BPE vocabulary trained on the world's pretraining text (null: use the model's own tokenizer from --init-from).</summary>
    public int? TokenizerVocabulary { get; init; }
    public required PretrainSettings Pretrain { get; init; }
    public required SftSettings Sft { get; init; }
    public required ComparisonSettings Comparisons { get; init; }
    public required RewardModelSettings RewardModel { get; init; }
    public required PpoSettings Ppo { get; init; }
    /// <summary>PPO-ptx differs from PPO only in γ (Eq. 2) and the pretraining batch it needs.</summary>
    public required PpoSettings PpoPtx { get; init; }
}
