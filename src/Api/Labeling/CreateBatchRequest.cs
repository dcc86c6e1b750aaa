using InstructGpt.Api.Evaluations;

namespace InstructGpt.Api.Labeling;

/// <summary>A labeling batch: prompts × checkpoints × K outputs per prompt, sampled in the background (POST /v1/labeling/batches).</summary>
public sealed record CreateBatchRequest
{
    /// <summary>A name for people, 1 to 64 characters.</summary>
    public string? Name { get; init; }

    /// <summary>Exactly one of {"eval_set": name}, {"dataset": name} or {"texts": [...]}.</summary>
    public BatchPrompts? Prompts { get; init; }

    /// <summary>Only the first N prompts, 1 to 100000.</summary>
    public int? MaxPrompts { get; init; }

    /// <summary>1 to 9 distinct checkpoints that write the outputs; output i of a prompt is models[i mod len(models)]'s.</summary>
    public List<string>? Models { get; init; }

    /// <summary>K, 2 to 9 and at least len(models) (default max(2, len(models))).</summary>
    public int? OutputsPerPrompt { get; init; }

    /// <summary>An evaluation's sampling fields, with their ranges and defaults.</summary>
    public EvaluationSamplingRequest? Sampling { get; init; }

    /// <summary>How many different labelers label each task, 1 to 10 (default 1); more than 1 measures agreement.</summary>
    public int? Overlap { get; init; }
}
