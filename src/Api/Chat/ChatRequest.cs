using System.Text.Json;
using System.Text.Json.Serialization;
using InstructGpt.Api.Completions;
using InstructGpt.Api.Errors;

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

/// <summary>One message of the conversation.</summary>
public sealed record ChatMessage
{
    /// <summary>system (or developer), user, or assistant.</summary>
    public string? Role { get; init; }

    /// <summary>The text: a string, or an array of {"type": "text", "text": "..."} parts.</summary>
    public ChatContent? Content { get; init; }

    /// <summary>Ignored; accepted for compatibility.</summary>
    public string? Name { get; init; }

    /// <summary>An assistant's tool calls: not supported (the models do not call tools).</summary>
    public JsonElement? ToolCalls { get; init; }

    /// <summary>A tool message's call id: not supported.</summary>
    public string? ToolCallId { get; init; }

    /// <summary>Deprecated form of tool_calls: not supported.</summary>
    public JsonElement? FunctionCall { get; init; }

    /// <summary>An assistant's refusal text: ignored (the content is what the template renders).</summary>
    public string? Refusal { get; init; }

    /// <summary>A reference to an earlier audio answer: not supported.</summary>
    public JsonElement? Audio { get; init; }
}

/// <summary>Message content: a string or an array of text parts, joined.</summary>
[JsonConverter(typeof(ChatContentConverter))]
public sealed class ChatContent(string text, bool fromParts)
{
    public string Text { get; } = text;
    public bool FromParts { get; } = fromParts;
}

public sealed class ChatContentConverter : JsonConverter<ChatContent>
{
    public override ChatContent? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String) return new ChatContent(reader.GetString()!, false);
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new RequestFieldException($"Invalid type for message content: expected a string or an array of text parts, but got {PromptInputConverter.Describe(reader.TokenType)}.");
        var text = new System.Text.StringBuilder();
        var i = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
                throw new RequestFieldException($"Invalid type for content part {i}: expected an object like {{\"type\": \"text\", \"text\": \"...\"}}, but got {PromptInputConverter.Describe(reader.TokenType)}.");
            string? type = null, partText = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.GetString();
                reader.Read();
                if (name == "type" && reader.TokenType == JsonTokenType.String) type = reader.GetString();
                else if (name == "text" && reader.TokenType == JsonTokenType.String) partText = reader.GetString();
                else if (!reader.TrySkip()) throw new RequestFieldException($"Content part {i} is incomplete.");
            }
            if (type != "text" || partText is null)
                throw new RequestFieldException($"Invalid content part {i}: only text parts ({{\"type\": \"text\", \"text\": \"...\"}}) are supported{(type is null ? "" : $" (got type '{type}')")}.");
            text.Append(partText);
            i++;
        }
        return new ChatContent(text.ToString(), true);
    }

    public override void Write(Utf8JsonWriter writer, ChatContent value, JsonSerializerOptions options) => writer.WriteStringValue(value.Text);
}
