using System.Text.Json;

namespace InstructGpt.Api.Chat;

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
