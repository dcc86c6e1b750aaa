using System.Text.Json;

namespace InstructGpt.Api.Completions;

/// <summary>A request to <c>POST /v1/completions</c>, with OpenAI's fields and vLLM's top_k and ignore_eos.</summary>
public sealed record CompletionRequest
{
    /// <summary>The checkpoint to complete with (GET /v1/models lists them).</summary>
    public string? Model { get; init; }

    /// <summary>A string, an array of strings, an array of token ids, or an array of arrays of token ids.</summary>
    public PromptInput? Prompt { get; init; }

    /// <summary>Most tokens to generate per completion (default 16). Prompt plus max_tokens must fit in the model's context.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Sampling temperature in [0, 2] (default 1); 0 is greedy.</summary>
    public double? Temperature { get; init; }

    /// <summary>Nucleus sampling: keep the smallest set of tokens whose probability reaches top_p, in (0, 1] (default 1).</summary>
    public double? TopP { get; init; }

    /// <summary>vLLM extension: keep only the k most likely tokens; 0 or -1 keeps all (default).</summary>
    public int? TopK { get; init; }

    /// <summary>Completions per prompt, in [1, 128] (default 1).</summary>
    public int? N { get; init; }

    /// <summary>Up to 4 sequences where generation stops; the stop sequence is not returned.</summary>
    public StopInput? Stop { get; init; }

    /// <summary>Makes sampling repeatable: the same seed and request give the same completions.</summary>
    public long? Seed { get; init; }

    /// <summary>Return the log-probabilities of the chosen tokens and of this many most likely alternatives, in [0, 20].</summary>
    public int? Logprobs { get; init; }

    /// <summary>Return the prompt before the completion (with its logprobs when logprobs is set).</summary>
    public bool? Echo { get; init; }

    /// <summary>Stream the completion as Server-Sent Events.</summary>
    public bool? Stream { get; init; }

    /// <summary>Options of a streamed response.</summary>
    public StreamOptions? StreamOptions { get; init; }

    /// <summary>An identifier for the end user, recorded in the logs.</summary>
    public string? User { get; init; }

    /// <summary>vLLM extension: keep generating after the end-of-text token.</summary>
    public bool? IgnoreEos { get; init; }

    /// <summary>Only null or equal to n is supported.</summary>
    public int? BestOf { get; init; }

    /// <summary>Not supported: only 0 (or null).</summary>
    public double? PresencePenalty { get; init; }

    /// <summary>Not supported: only 0 (or null).</summary>
    public double? FrequencyPenalty { get; init; }

    /// <summary>Not supported: only null or an empty object.</summary>
    public Dictionary<string, double>? LogitBias { get; init; }

    /// <summary>Not supported: only null or an empty string.</summary>
    public string? Suffix { get; init; }
}
