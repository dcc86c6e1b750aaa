namespace InstructGpt.Training.Pipeline;

/// <summary>The dataset roles each stage reads, and the world file (under data/) each role defaults to.</summary>
public static class StageDatasets
{
    public const string Train = "train";
    public const string Valid = "valid";
    /// <summary>RM: the labelers' demonstrations the reward is normalised on (their mean score is set to 0).</summary>
    public const string Demonstrations = "demonstrations";
    /// <summary>PPO: the prompts rollouts answer.</summary>
    public const string Prompts = "prompts";
    /// <summary>PPO-ptx: the pretraining text of the γ-scaled LM term.</summary>
    public const string Pretraining = "pretrain";

    public static IReadOnlyDictionary<string, string> DefaultsOf(string stage) => stage switch
    {
        PipelineStages.Pretrain => new Dictionary<string, string> { [Train] = "pretrain.train", [Valid] = "pretrain.valid" },
        PipelineStages.Sft => new Dictionary<string, string> { [Train] = "sft.train", [Valid] = "sft.valid" },
        PipelineStages.Comparisons => new Dictionary<string, string> { [Train] = "rm.train.demonstrations", [Valid] = "rm.valid.demonstrations" },
        PipelineStages.RewardModel => new Dictionary<string, string> { [Train] = "comparisons.train", [Valid] = "comparisons.valid", [Demonstrations] = "rm.train.demonstrations" },
        PipelineStages.Ppo or PipelineStages.PpoPtx => new Dictionary<string, string> { [Prompts] = "ppo.train", [Pretraining] = "pretrain.train" },
        _ => throw new ArgumentException($"stage: unknown stage '{stage}'; expected one of {string.Join(", ", PipelineStages.Trainable)}"),
    };

    public static IReadOnlyCollection<string> RolesOf(string stage) => DefaultsOf(stage).Keys.ToList();
}
