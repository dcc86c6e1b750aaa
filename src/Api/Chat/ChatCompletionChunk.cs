using System.Text.Json.Serialization;
using InstructGpt.Api.Completions;

namespace InstructGpt.Api.Chat;

/// <summary>One event of a streamed answer (object "chat.completion.chunk").</summary>
public sealed record ChatCompletionChunk(
    string Id,
    string Object,
    long Created,
    string Model,
    IReadOnlyList<ChatChunkChoice> Choices,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Usage? Usage);
