namespace InstructGpt.Training.Pipeline;

/// <summary>The pipeline's stages in order, with the checkpoint (or file) each publishes.</summary>
public static class PipelineStages
{
    public const string Data = "data";
    public const string Tokenizer = "tokenizer";
    public const string Pretrain = "pretrain";
    public const string Sft = "sft";
    public const string Comparisons = "comparisons";
    public const string RewardModel = "rm";
    public const string Ppo = "ppo";
    public const string PpoPtx = "ppo-ptx";

    public static readonly IReadOnlyList<string> All = [Data, Tokenizer, Pretrain, Sft, Comparisons, RewardModel, Ppo, PpoPtx];

    /// <summary>The stages that <c>instructgpt train</c> and training jobs run one at a time.</summary>
    public static readonly IReadOnlyList<string> Trainable = [Pretrain, Sft, Comparisons, RewardModel, Ppo, PpoPtx];

    /// <summary>The checkpoint each stage starts from by default (pretraining starts from scratch).</summary>
    public static string? DefaultInitOf(string stage) => stage switch
    {
        Sft => "base",
        Comparisons or RewardModel or Ppo or PpoPtx => "sft",
        _ => null,
    };

    /// <summary>Checkpoint names: the base model is what pretraining publishes.</summary>
    public static string CheckpointOf(string stage) => stage == Pretrain ? "base" : stage;
}
