using System.Text.Json;
using InstructGpt.Api.Completions;

namespace InstructGpt.Api.Chat;

/// <summary>A request to <c>POST /v1/chat/completions</c>.</summary>
public sealed record ChatRequest
{
    /// <summary>The checkpoint to answer with (GET /v1/models lists them).</summary>
    public string? Model { get; init; }

    /// <summary>The conversation so far: system, user and assistant messages, rendered with the chat template (see README).</summary>
    public IReadOnlyList<ChatMessage>? Messages { get; init; }

    /// <summary>Most tokens in the answer; default: Serving:DefaultChatMaxTokens, capped by the context left.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>The newer name of max_tokens; wins when both are set.</summary>
    public int? MaxCompletionTokens { get; init; }

    /// <summary>Sampling temperature in [0, 2] (default 1); 0 is greedy.</summary>
    public double? Temperature { get; init; }

    /// <summary>Nucleus sampling threshold in (0, 1] (default 1).</summary>
    public double? TopP { get; init; }

    /// <summary>vLLM extension: keep only the k most likely tokens; 0 or -1 keeps all.</summary>
    public int? TopK { get; init; }

    /// <summary>Answers to generate, in [1, 128] (default 1).</summary>
    public int? N { get; init; }

    /// <summary>Up to 4 sequences where generation stops, in addition to the template's next "\nHuman:" turn.</summary>
    public StopInput? Stop { get; init; }

    /// <summary>Makes sampling repeatable.</summary>
    public long? Seed { get; init; }

    /// <summary>Return the log-probability of each answer token.</summary>
    public bool? Logprobs { get; init; }

    /// <summary>With logprobs: how many most likely alternatives to return per token, in [0, 20].</summary>
    public int? TopLogprobs { get; init; }

    /// <summary>Stream the answer as Server-Sent Events of chat.completion.chunk objects.</summary>
    public bool? Stream { get; init; }

    public StreamOptions? StreamOptions { get; init; }

    /// <summary>An identifier for the end user, recorded in the logs.</summary>
    public string? User { get; init; }

    /// <summary>Not supported: only 0 (or null).</summary>
    public double? PresencePenalty { get; init; }

    /// <summary>Not supported: only 0 (or null).</summary>
    public double? FrequencyPenalty { get; init; }

    // OpenAI's fields that this server does not implement (README, "OpenAI fields"): accepted where leaving them out
    // changes nothing, refused with a message where a client would otherwise get something it did not ask for.

    /// <summary>Not supported: only {} (or null).</summary>
    public Dictionary<string, double>? LogitBias { get; init; }

    /// <summary>Only {"type": "text"}: this server does not constrain output to JSON.</summary>
    public JsonElement? ResponseFormat { get; init; }

    /// <summary>Not supported: the models do not call tools. An empty list is accepted.</summary>
    public JsonElement? Tools { get; init; }

    /// <summary>Only "none" (or null).</summary>
    public JsonElement? ToolChoice { get; init; }

    /// <summary>Ignored: meaningful only with tools.</summary>
    public bool? ParallelToolCalls { get; init; }

    /// <summary>Deprecated form of tools: not supported.</summary>
    public JsonElement? Functions { get; init; }

    /// <summary>Deprecated form of tool_choice: only "none" (or null).</summary>
    public JsonElement? FunctionCall { get; init; }

    /// <summary>Ignored: this server keeps no completions.</summary>
    public bool? Store { get; init; }

    /// <summary>Ignored: this server keeps no completions to tag.</summary>
    public JsonElement? Metadata { get; init; }

    /// <summary>Ignored: there is one tier.</summary>
    public string? ServiceTier { get; init; }

    /// <summary>Only ["text"].</summary>
    public IReadOnlyList<string>? Modalities { get; init; }

    /// <summary>Not supported: the models do not reason before answering.</summary>
    public string? ReasoningEffort { get; init; }

    /// <summary>Not supported (predicted outputs).</summary>
    public JsonElement? Prediction { get; init; }

    /// <summary>Not supported (audio output).</summary>
    public JsonElement? Audio { get; init; }

    /// <summary>Not supported (web search).</summary>
    public JsonElement? WebSearchOptions { get; init; }
}
