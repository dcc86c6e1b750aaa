using System.Text.Json.Serialization;

namespace InstructGpt.Api.Chat;

/// <summary>What a chunk adds: the role in the first chunk of each choice, then pieces of content.</summary>
public sealed record ChatDelta(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Role,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Content);
