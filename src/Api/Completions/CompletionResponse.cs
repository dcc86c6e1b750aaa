using System.Text.Json.Serialization;

namespace InstructGpt.Api.Completions;

/// <summary>A completion (object "text_completion"), or one chunk of a streamed one.</summary>
public sealed record CompletionResponse(
    string Id,
    string Object,
    long Created,
    string Model,
    IReadOnlyList<CompletionChoice> Choices,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Usage? Usage);
