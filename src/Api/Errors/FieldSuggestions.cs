using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace InstructGpt.Api.Errors;

/// <summary>The known field closest to a misspelled one ("hyperparameter" → "hyperparameters"), for error messages.</summary>
public static class FieldSuggestions
{
    /// <summary>
    /// The JSON name of <paramref name="typeName"/>'s property closest to <paramref name="unknown"/>, or null when none
    /// is within a few edits. <paramref name="typeName"/> is the full .NET name System.Text.Json reports.
    /// </summary>
    public static string? Closest(string unknown, string typeName)
    {
        var type = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name?.StartsWith("InstructGpt", StringComparison.Ordinal) == true)
            .Select(a => a.GetType(typeName)).FirstOrDefault(t => t is not null);
        if (type is null) return null;
        var names = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name));
        var normalized = unknown.ToLowerInvariant();
        // Up to a third of the name may differ (at least 2 edits): "init-from" → "init_from", "promt" → "prompt".
        var allowed = Math.Max(2, normalized.Length / 3);
        // A known name the unknown one starts (temp → temperature), or one within a few edits.
        var prefixed = names.Where(n => n.StartsWith(normalized, StringComparison.Ordinal) && normalized.Length >= 3).OrderBy(n => n.Length).FirstOrDefault();
        if (prefixed is not null) return prefixed;
        return names.Select(n => (Name: n, Distance: Levenshtein(normalized, n)))
            .Where(c => c.Distance <= allowed).OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name).FirstOrDefault();
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
