namespace InstructGpt.Inference.Generation;

/// <summary>
/// How to sample, with OpenAI's completions semantics and defaults: temperature 0 is greedy, top_p
/// and top_k (vLLM's extension; 0 or -1 disables it) truncate the distribution, generation ends at EOS,
/// at a stop sequence (matched on text, excluded from the result) or after max_tokens.
/// </summary>
public sealed record SamplingOptions
{
    public const int MaxLogprobs = 20; // OpenAI's legacy completions cap logprobs at 5; vLLM allows 20.
    public const int MaxStopSequences = 4; // OpenAI's limit.
    public const int MaxN = 128;

    public int MaxTokens { get; init; } = 16;
    public double Temperature { get; init; } = 1.0;
    public double TopP { get; init; } = 1.0;
    public int TopK { get; init; }
    public IReadOnlyList<string> Stop { get; init; } = [];
    public int N { get; init; } = 1;
    public ulong? Seed { get; init; }
    /// <summary>How many top alternatives to return per token; null returns no logprobs.</summary>
    public int? Logprobs { get; init; }
    /// <summary>Return the prompt (and, with logprobs, its token logprobs) before the completion.</summary>
    public bool Echo { get; init; }
    public bool IgnoreEos { get; init; }

    /// <summary>How sample <paramref name="sampleIndex"/> of each prompt samples: a seeded request gives every sample its own stream.</summary>
    public RowSampling RowSampling(int sampleIndex, TorchSharp.torch.Device device) =>
        new(Temperature, TopK, TopP, Seed is { } seed ? PromptBatch.SampleGenerator(seed, sampleIndex, device) : null);

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming the first field outside its range: the one place the sampling
    /// ranges are checked, for the API (whose chat names two fields differently), the CLI and the evaluation alike.
    /// </summary>
    public SamplingOptions Validate(string maxTokensField = "max_tokens", string logprobsField = "logprobs")
    {
        if (MaxTokens < 0) throw new ArgumentOutOfRangeException(maxTokensField, MaxTokens, $"{maxTokensField} must be >= 0");
        if (MaxTokens == 0 && !Echo) throw new ArgumentOutOfRangeException(maxTokensField, MaxTokens, $"{maxTokensField} must be >= 1 unless echo is true");
        if (double.IsNaN(Temperature) || Temperature is < 0 or > 2) throw new ArgumentOutOfRangeException("temperature", Temperature, "temperature must be in [0, 2]");
        if (double.IsNaN(TopP) || TopP is <= 0 or > 1) throw new ArgumentOutOfRangeException("top_p", TopP, "top_p must be in (0, 1]");
        if (TopK < -1) throw new ArgumentOutOfRangeException("top_k", TopK, "top_k must be -1 or 0 (disabled) or a positive count");
        if (N is < 1 or > MaxN) throw new ArgumentOutOfRangeException("n", N, $"n must be in [1, {MaxN}]");
        if (Logprobs is < 0 or > MaxLogprobs) throw new ArgumentOutOfRangeException(logprobsField, Logprobs, $"{logprobsField} must be in [0, {MaxLogprobs}]");
        if (Stop.Count > MaxStopSequences) throw new ArgumentOutOfRangeException("stop", Stop.Count, $"at most {MaxStopSequences} stop sequences are allowed");
        for (var i = 0; i < Stop.Count; i++)
            if (string.IsNullOrEmpty(Stop[i])) throw new ArgumentException("stop sequences must be non-empty strings", $"stop[{i}]");
        return this;
    }
}
