using System.Text.Json;

namespace InstructGpt.Api.Jobs;

/// <summary>The body of POST /v1/training/jobs: one training stage.</summary>
/// <param name="Stage">pretrain, sft, comparisons, rm, ppo or ppo-ptx.</param>
/// <param name="Preset">micro, tiny (default) or small: the model size and the stage's default hyperparameters.</param>
/// <param name="InitFrom">The checkpoint (a name from GET /v1/models) the stage starts from; default: the one the pipeline would use.</param>
/// <param name="Datasets">Role → dataset: a name uploaded to /v1/datasets, or a path inside the data directory (e.g. "sft.train.jsonl").</param>
/// <param name="Hyperparameters">Setting name → value, overriding the preset's (e.g. {"Epochs": 1, "LearningRate": 1e-4}).</param>
/// <param name="Output">The checkpoint name to publish (default: the stage's own, e.g. "sft"); an existing one is replaced and hot-swapped.</param>
/// <param name="Seed">Seed of every random stream (default 1).</param>
public sealed record TrainingJobRequest(
    string? Stage,
    string? Preset,
    string? InitFrom,
    Dictionary<string, string>? Datasets,
    Dictionary<string, JsonElement>? Hyperparameters,
    string? Output,
    long? Seed);

/// <summary>The body of POST /v1/pipelines: the whole recipe (or some of its stages) into the server's data directory.</summary>
/// <param name="Preset">micro, tiny (default) or small.</param>
/// <param name="Seed">Seed of the world and every stage (default 1).</param>
/// <param name="InitFrom">Start from this checkpoint (a name from GET /v1/models) instead of pretraining; its tokenizer is used.</param>
/// <param name="Stages">Stages to run, in pipeline order (data, tokenizer, pretrain, sft, comparisons, rm, ppo, ppo-ptx); default all. Finished stages are skipped.</param>
/// <param name="Hyperparameters">"stage.Setting" → value (e.g. {"sft.LearningRate": 1e-4, "ppo.KlCoefficient": 0.05}).</param>
public sealed record PipelineRequest(
    string? Preset,
    long? Seed,
    string? InitFrom,
    List<string>? Stages,
    Dictionary<string, JsonElement>? Hyperparameters);
