using System.Text.Json;
using System.Text.Json.Serialization;
using InstructGpt.Api.Errors;

namespace InstructGpt.Api.Completions;

public sealed class StopInputConverter : JsonConverter<StopInput>
{
    public override StopInput? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String) return new StopInput([reader.GetString()!]);
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new RequestFieldException($"Invalid type for 'stop': expected a string or an array of strings, but got {PromptInputConverter.Describe(reader.TokenType)}.");
        var stops = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
                throw new RequestFieldException($"Invalid type for 'stop[{stops.Count}]': stop sequences must be strings, but got {PromptInputConverter.Describe(reader.TokenType)}.");
            stops.Add(reader.GetString()!);
        }
        return new StopInput(stops);
    }

    public override void Write(Utf8JsonWriter writer, StopInput value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.Sequences, options);
}
