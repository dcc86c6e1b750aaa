using System.Text.Json;
using System.Text.Json.Serialization;
using InstructGpt.Api.Errors;

namespace InstructGpt.Api.Completions;

public sealed class PromptInputConverter : JsonConverter<PromptInput>
{
    public override PromptInput? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return PromptInput.FromText(reader.GetString()!);
            case JsonTokenType.StartArray:
                break;
            default:
                throw new RequestFieldException($"Invalid type for 'prompt': expected {PromptInput.Shapes}, but got {Describe(reader.TokenType)}.");
        }

        if (!reader.Read()) throw new RequestFieldException("'prompt' ends early.");
        if (reader.TokenType == JsonTokenType.EndArray) throw new RequestFieldException("'prompt' is an empty array; give at least one prompt.");
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
            {
                var texts = new List<string>();
                var i = 0;
                do
                {
                    if (reader.TokenType != JsonTokenType.String)
                        throw new RequestFieldException($"Invalid type for 'prompt[{i}]': an array of prompts must hold only strings, but this is {Describe(reader.TokenType)}.");
                    texts.Add(reader.GetString()!);
                    i++;
                } while (reader.Read() && reader.TokenType != JsonTokenType.EndArray);
                return PromptInput.FromTexts(texts);
            }
            case JsonTokenType.Number:
                return PromptInput.FromTokenIds(ReadIds(ref reader, "prompt"));
            case JsonTokenType.StartArray:
            {
                var arrays = new List<int[]>();
                var i = 0;
                do
                {
                    if (reader.TokenType != JsonTokenType.StartArray)
                        throw new RequestFieldException($"Invalid type for 'prompt[{i}]': an array of token-id arrays must hold only arrays, but this is {Describe(reader.TokenType)}.");
                    if (!reader.Read()) throw new RequestFieldException($"'prompt[{i}]' ends early.");
                    arrays.Add(reader.TokenType == JsonTokenType.EndArray ? [] : ReadIds(ref reader, $"prompt[{i}]"));
                    i++;
                } while (reader.Read() && reader.TokenType != JsonTokenType.EndArray);
                return PromptInput.FromTokenIdArrays(arrays);
            }
            default:
                throw new RequestFieldException($"Invalid type for 'prompt[0]': expected a string, a token id or an array of token ids, but got {Describe(reader.TokenType)}.");
        }
    }

    /// <summary>Reads integers up to the end of the current array (the reader is on the first element).</summary>
    private static int[] ReadIds(ref Utf8JsonReader reader, string field)
    {
        var ids = new List<int>();
        do
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var id))
                throw new RequestFieldException($"Invalid value for '{field}[{ids.Count}]': token ids must be integers, but got {Describe(reader.TokenType)}{(reader.TokenType == JsonTokenType.Number ? $" {reader.GetDouble()}" : "")}.");
            ids.Add(id);
        } while (reader.Read() && reader.TokenType != JsonTokenType.EndArray);
        return ids.ToArray();
    }

    internal static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        _ => token.ToString(),
    };

    public override void Write(Utf8JsonWriter writer, PromptInput value, JsonSerializerOptions options)
    {
        if (value.Texts is { } texts)
        {
            if (!value.IsArray) writer.WriteStringValue(texts[0]);
            else JsonSerializer.Serialize(writer, texts, options);
        }
        else if (!value.IsArray) JsonSerializer.Serialize(writer, value.TokenIds![0], options);
        else JsonSerializer.Serialize(writer, value.TokenIds, options);
    }
}
