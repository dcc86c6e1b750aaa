using System.Text.Json;

namespace InstructGpt.Api.Jobs;

/// <summary>The body of POST /v1/pipelines: the whole recipe (or some of its stages) into the server's data directory.</summary>
public sealed record PipelineRequest
{
    /// <summary>micro, tiny (default) or small.</summary>
    public string? Preset { get; init; }

    /// <summary>Seed of the world and every stage (default 1).</summary>
    public long? Seed { get; init; }

    /// <summary>Start from this checkpoint (a name from GET /v1/models) instead of pretraining; its tokenizer is used.</summary>
    public string? InitFrom { get; init; }

    /// <summary>Stages to run, in pipeline order (data, tokenizer, pretrain, sft, comparisons, rm, ppo, ppo-ptx); default all. Finished stages are skipped.</summary>
    public List<string>? Stages { get; init; }

    /// <summary>"stage.Setting" → value (e.g. {"sft.LearningRate": 1e-4, "ppo.KlCoefficient": 0.05}).</summary>
    public Dictionary<string, JsonElement>? Hyperparameters { get; init; }
}
