using System.Text.Json;

namespace InstructGpt.Api.Jobs;

/// <summary>The body of POST /v1/training/jobs: one training stage.</summary>
public sealed record TrainingJobRequest
{
    /// <summary>pretrain, sft, comparisons, rm, ppo or ppo-ptx.</summary>
    public string? Stage { get; init; }

    /// <summary>micro, tiny (default) or small: the model size and the stage's default hyperparameters.</summary>
    public string? Preset { get; init; }

    /// <summary>The checkpoint (a name from GET /v1/models) the stage starts from; default: the one the pipeline would use.</summary>
    public string? InitFrom { get; init; }

    /// <summary>The reward model (a checkpoint name) for ppo and ppo-ptx (default "rm"); for sft, it selects the kept weights by validation RM score.</summary>
    public string? RewardModel { get; init; }

    /// <summary>
    /// Role → dataset: a name uploaded to /v1/datasets, or a path inside the data directory (e.g. "sft.train.jsonl"). Roles: pretrain
    /// train, valid; sft train, valid; comparisons train, valid (demonstrations to sample for); rm train, valid (comparisons), demonstrations;
    /// ppo and ppo-ptx prompts, pretrain. Unset roles read the default world's files.
    /// </summary>
    public Dictionary<string, string>? Datasets { get; init; }

    /// <summary>Setting name → value, overriding the preset's (e.g. {"Epochs": 1, "LearningRate": 1e-4}).</summary>
    public Dictionary<string, JsonElement>? Hyperparameters { get; init; }

    /// <summary>The checkpoint name to publish (default: the stage's own, e.g. "sft"; comparisons: the data file prefix). An existing one is replaced and hot-swapped.</summary>
    public string? Output { get; init; }

    /// <summary>Seed of every random stream (default 1).</summary>
    public long? Seed { get; init; }
}
