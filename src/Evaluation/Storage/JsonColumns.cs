using System.Text.Json;

namespace InstructGpt.Evaluation.Storage;

/// <summary>How the JSON columns (flags, reasons, model and judge lists) are written and read.</summary>
internal static class JsonColumns
{
    public static string Write<T>(T value) => JsonSerializer.Serialize(value);

    public static IReadOnlyDictionary<string, bool> ReadFlags(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, bool>>(json) ?? new Dictionary<string, bool>();

    public static IReadOnlyList<string> ReadStrings(string json) =>
        JsonSerializer.Deserialize<string[]>(json) ?? [];
}
