using System.Text.Json.Serialization;
using InstructGpt.Api.Completions;

namespace InstructGpt.Api.Chat;

/// <summary>An answer (object "chat.completion").</summary>
public sealed record ChatCompletionResponse(string Id, string Object, long Created, string Model, IReadOnlyList<ChatChoice> Choices, Usage Usage);

/// <param name="FinishReason">"stop" (end of text, a stop sequence, or the next "Human:" turn) or "length".</param>
public sealed record ChatChoice(int Index, ChatAnswer Message, ChatLogprobs? Logprobs, string FinishReason);

public sealed record ChatAnswer(string Role, string Content);

public sealed record ChatLogprobs(IReadOnlyList<ChatTokenLogprob> Content);

/// <param name="Bytes">The token's UTF-8 bytes (a token may hold part of a character).</param>
public sealed record ChatTokenLogprob(string Token, double Logprob, IReadOnlyList<int> Bytes, IReadOnlyList<ChatTopLogprob> TopLogprobs);

public sealed record ChatTopLogprob(string Token, double Logprob, IReadOnlyList<int> Bytes);

/// <summary>One event of a streamed answer (object "chat.completion.chunk").</summary>
public sealed record ChatCompletionChunk(
    string Id,
    string Object,
    long Created,
    string Model,
    IReadOnlyList<ChatChunkChoice> Choices,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Usage? Usage);

public sealed record ChatChunkChoice(int Index, ChatDelta Delta, ChatLogprobs? Logprobs, string? FinishReason);

/// <summary>What a chunk adds: the role in the first chunk of each choice, then pieces of content.</summary>
public sealed record ChatDelta(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Role,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Content);
