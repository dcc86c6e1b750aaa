using System.Text.Json;
using System.Text.Json.Serialization;
using InstructGpt.Api.Errors;

namespace InstructGpt.Api.Completions;

/// <summary>
/// The <c>prompt</c> of a completion request, in any of OpenAI's four forms: a string, an array of strings, an
/// array of token ids, or an array of arrays of token ids. Each string or id array is one prompt.
/// </summary>
[JsonConverter(typeof(PromptInputConverter))]
public sealed class PromptInput
{
    private PromptInput(IReadOnlyList<string>? texts, IReadOnlyList<int[]>? tokenIds, bool isArray)
    {
        Texts = texts;
        TokenIds = tokenIds;
        IsArray = isArray;
    }

    /// <summary>The prompts as text, or null when they were given as token ids.</summary>
    public IReadOnlyList<string>? Texts { get; }

    /// <summary>The prompts as token ids, or null when they were given as text.</summary>
    public IReadOnlyList<int[]>? TokenIds { get; }

    /// <summary>Whether the JSON value was an array of prompts (rather than one string or one id array).</summary>
    public bool IsArray { get; }

    public int Count => Texts?.Count ?? TokenIds!.Count;

    public static PromptInput FromText(string text) => new([text], null, false);
    public static PromptInput FromTexts(IReadOnlyList<string> texts) => new(texts, null, true);
    public static PromptInput FromTokenIds(int[] ids) => new(null, [ids], false);
    public static PromptInput FromTokenIdArrays(IReadOnlyList<int[]> ids) => new(null, ids, true);

    internal const string Shapes = "a string, an array of strings, an array of token ids (integers), or an array of arrays of token ids";
}

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

/// <summary><c>stop</c>: one string or an array of up to 4 strings.</summary>
[JsonConverter(typeof(StopInputConverter))]
public sealed class StopInput(IReadOnlyList<string> sequences)
{
    public IReadOnlyList<string> Sequences { get; } = sequences;
}

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
