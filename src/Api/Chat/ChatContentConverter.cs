using System.Text.Json;
using System.Text.Json.Serialization;
using InstructGpt.Api.Completions;
using InstructGpt.Api.Errors;

namespace InstructGpt.Api.Chat;

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
