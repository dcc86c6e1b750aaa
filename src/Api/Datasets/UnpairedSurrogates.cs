using System.Text;
using System.Text.Json;

namespace InstructGpt.Api.Datasets;

/// <summary>
/// Finds JSON strings with an unpaired UTF-16 surrogate escape (such as "\ud800" alone). They are valid JSON
/// syntax, but System.Text.Json refuses to decode them, and the dataset readers let that
/// <see cref="InvalidOperationException"/> escape without a line number; this finds the line to report.
/// </summary>
public static class UnpairedSurrogates
{
    /// <summary>The 1-based number of the first line holding such a string, or null.</summary>
    public static int? FirstLine(string path)
    {
        var number = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            number++;
            try
            {
                using var document = JsonDocument.Parse(line);
                if (!Decodable(document.RootElement)) return number;
            }
            catch (JsonException)
            {
                // Not JSON at all: the reader reports that line itself.
            }
        }
        return null;
    }

    private static bool Decodable(JsonElement element)
    {
        try
        {
            return element.ValueKind switch
            {
                JsonValueKind.String => element.GetString() is not null,
                JsonValueKind.Object => element.EnumerateObject().All(p => p.Name is not null && Decodable(p.Value)),
                JsonValueKind.Array => element.EnumerateArray().All(Decodable),
                _ => true,
            };
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
