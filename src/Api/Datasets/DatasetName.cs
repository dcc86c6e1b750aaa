using System.Text.RegularExpressions;

namespace InstructGpt.Api.Datasets;

/// <summary>
/// Dataset names: 1 to 64 of [A-Za-z0-9._-], not starting with a dot and without "..". Such a name is one plain
/// file name, so <c>datasets/NAME.jsonl</c> can never leave the datasets directory.
/// </summary>
public static partial class DatasetName
{
    public const int MaxLength = 64;
    public const string Rule = "1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-', not starting with '.' and without '..'";

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex Allowed();

    public static bool IsValid(string? name) =>
        name is not null && Allowed().IsMatch(name) && !name.StartsWith('.') && !name.Contains("..", StringComparison.Ordinal);

    /// <summary>A name from an uploaded file's name ("rm-train.jsonl" → "rm-train"), or null when it would not be a valid name.</summary>
    public static string? FromFileName(string? fileName)
    {
        if (string.IsNullOrEmpty(fileName)) return null;
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        foreach (var extension in new[] { ".jsonl", ".ndjson", ".json" })
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase)) name = name[..^extension.Length];
        return IsValid(name) ? name : null;
    }
}
