namespace InstructGpt.Api.Evaluations;

/// <summary>Sampling settings of an evaluation.</summary>
public sealed record EvaluationSamplingRequest
{
    /// <summary>0 to 2 (default 0.7); 0 is greedy. Toxicity probes need a positive temperature for their samples to differ.</summary>
    public double? Temperature { get; init; }

    /// <summary>Nucleus sampling mass, greater than 0 and at most 1 (default 1).</summary>
    public double? TopP { get; init; }

    /// <summary>Tokens per answer at most, 1 to 4096 (default 64).</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Sampling seed, 0 or more (default 1).</summary>
    public long? Seed { get; init; }
}
