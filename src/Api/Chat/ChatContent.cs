using System.Text.Json.Serialization;

namespace InstructGpt.Api.Chat;

/// <summary>Message content: a string or an array of text parts, joined.</summary>
[JsonConverter(typeof(ChatContentConverter))]
public sealed class ChatContent(string text, bool fromParts)
{
    public string Text { get; } = text;
    public bool FromParts { get; } = fromParts;
}
