using System.Text.Encodings.Web;
using System.Text.Json;

namespace InstructGpt.Inference.Tokenization;

/// <summary>
/// vocab.json, Hugging Face's name for GPT-2's encoder.json: one JSON object from each token, spelled in the
/// <see cref="ByteLevelAlphabet"/>, to its id.
/// </summary>
internal static class VocabFile
{
    public const string FileName = "vocab.json";

    /// <summary>The tokens indexed by id. The ids must run from 0 without gaps.</summary>
    public static string[] Read(string path)
    {
        var json = File.ReadAllBytes(path);
        var tokenOfId = new Dictionary<int, string>();
        var idOfToken = new Dictionary<string, int>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw Problem(path, json, reader.TokenStartIndex, "expected a JSON object from token to id, such as {\"!\": 0, ...}");
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var at = reader.TokenStartIndex;
                var token = reader.GetString()!;
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var id) || id < 0)
                {
                    throw Problem(path, json, at, $"the id of token \"{token}\" must be a non-negative integer");
                }
                if (!idOfToken.TryAdd(token, id))
                {
                    throw Problem(path, json, at, $"the token \"{token}\" appears twice");
                }
                if (!tokenOfId.TryAdd(id, token))
                {
                    throw Problem(path, json, at, $"the tokens \"{tokenOfId[id]}\" and \"{token}\" have the same id {id}");
                }
                if (token.Any(c => !ByteLevelAlphabet.TryToByte(c, out _)))
                {
                    var bad = token.First(c => !ByteLevelAlphabet.TryToByte(c, out _));
                    throw Problem(path, json, at,
                        $"the token \"{token}\" contains U+{(int)bad:X4}, which is not in GPT-2's byte-level alphabet (a byte-level BPE vocabulary spells each byte as one character)");
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject)
            {
                throw Problem(path, json, reader.TokenStartIndex, "expected a token (a JSON string) or the end of the object");
            }
            if (reader.Read())
            {
                throw Problem(path, json, reader.TokenStartIndex, "unexpected content after the JSON object");
            }
        }
        catch (JsonException e)
        {
            throw new TokenizerFileException(path, (int)(e.LineNumber ?? 0) + 1, $"not valid JSON: {e.Message}");
        }

        var tokens = new string[tokenOfId.Count];
        for (var id = 0; id < tokens.Length; id++)
        {
            if (!tokenOfId.TryGetValue(id, out var token))
            {
                throw new TokenizerFileException(path, null,
                    $"the {tokens.Length} ids must run from 0 to {tokens.Length - 1} without gaps, but no token has the id {id}");
            }
            tokens[id] = token;
        }
        return tokens;
    }

    public static void Write(string path, IReadOnlyList<string> tokens)
    {
        AtomicFile.Write(path, stream =>
        {
            // Relaxed escaping keeps tokens such as "Ġthe" readable instead of "\u0120the"; any JSON reader accepts both.
            var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            using var writer = new Utf8JsonWriter(stream, options);
            writer.WriteStartObject();
            for (var id = 0; id < tokens.Count; id++)
            {
                writer.WriteNumber(tokens[id], id);
            }
            writer.WriteEndObject();
        });
    }

    private static TokenizerFileException Problem(string path, byte[] json, long byteOffset, string problem)
    {
        var line = 1 + json.AsSpan(0, (int)byteOffset).Count((byte)'\n');
        return new TokenizerFileException(path, line, problem);
    }
}
