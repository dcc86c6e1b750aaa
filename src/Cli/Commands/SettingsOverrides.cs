using System.Text.Json;
using System.Text.Json.Nodes;

namespace InstructGpt.Cli.Commands;

/// <summary>
/// Applies <c>--set Name=value</c> overrides to a settings record (e.g. <c>--set LearningRate=1e-4</c>),
/// through its JSON form so every property type parses the way JSON does.
/// </summary>
internal static class SettingsOverrides
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static T Apply<T>(T settings, IEnumerable<string> assignments) where T : class
    {
        var node = JsonSerializer.SerializeToNode(settings, Json)!.AsObject();
        foreach (var assignment in assignments)
        {
            var split = assignment.IndexOf('=');
            if (split <= 0) throw new ArgumentException($"--set expects Name=value, got '{assignment}'");
            var name = assignment[..split].Trim().Replace("_", "");
            var key = node.Select(kv => kv.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"--set: {typeof(T).Name} has no setting '{assignment[..split]}'; settings are {string.Join(", ", node.Select(kv => kv.Key))}");
            var text = assignment[(split + 1)..].Trim();
            JsonNode? value;
            try { value = JsonNode.Parse(text); }
            catch (JsonException) { value = JsonValue.Create(text); }
            node[key] = value;
        }
        try
        {
            return node.Deserialize<T>(Json)!;
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"--set: a value has the wrong type for {typeof(T).Name} ({e.Path}): {e.Message}");
        }
    }
}
