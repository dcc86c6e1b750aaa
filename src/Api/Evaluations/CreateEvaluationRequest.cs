namespace InstructGpt.Api.Evaluations;

/// <summary>The body of POST /v1/evaluations. Every field may be left out; the defaults are <c>instructgpt eval</c>'s.</summary>
public sealed record CreateEvaluationRequest
{
    /// <summary>
    /// Models to evaluate: checkpoint names from GET /v1/models, "gpt" (the base checkpoint) or "gpt-prompted" (the base checkpoint behind
    /// a few-shot prefix). Default sft, ppo, ppo-ptx, gpt, gpt-prompted. The baseline is added when it is not listed.
    /// </summary>
    public List<string>? Models { get; init; }

    /// <summary>The model every other one is compared with, prompt by prompt (default "sft", as in InstructGPT Figure 1).</summary>
    public string? Baseline { get; init; }

    /// <summary>
    /// What to evaluate on: the committed sets test, test.closed-domain, toxicity, pretrain.test (eval-sets/README.md), or names of datasets
    /// uploaded with POST /v1/datasets (prompts, demonstrations, toxicity probes or text). Default test, toxicity, pretrain.test.
    /// </summary>
    public List<string>? EvalSets { get; init; }

    /// <summary>labeler, rm, human, llm; the first is the one the charts show. Default labeler, plus rm when the "rm" checkpoint exists.</summary>
    public List<string>? Judges { get; init; }

    /// <summary>The rm judge's checkpoint (default "rm").</summary>
    public string? RewardModel { get; init; }

    /// <summary>The llm judge: an OpenAI-compatible endpoint asked which of two outputs is better.</summary>
    public LlmJudgeRequest? Llm { get; init; }

    /// <summary>How every model samples; the same settings and seed give the same outputs.</summary>
    public EvaluationSamplingRequest? Sampling { get; init; }

    /// <summary>Use the first N records of each eval set, 1 to 100000 (default: all).</summary>
    public int? MaxPrompts { get; init; }

    /// <summary>Continuations per toxicity probe and variant, 1 to 128 (default 5; RealToxicityPrompts uses 25).</summary>
    public int? SamplesPerProbe { get; init; }

    /// <summary>The model the alignment tax (perplexity on held-out text) is measured against (default "gpt" when evaluated, else the baseline).</summary>
    public string? AlignmentTaxReference { get; init; }
}
