using System.Text.Json;

namespace InstructGpt.Api.Jobs;

/// <summary>How the JSON columns are written and read. Non-finite numbers (a diverged loss) are left out: JSON has none.</summary>
internal static class JobColumns
{
    public static string WriteMetrics(IReadOnlyDictionary<string, double> metrics) =>
        JsonSerializer.Serialize(metrics.Where(kv => double.IsFinite(kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value));

    public static IReadOnlyDictionary<string, double> ReadMetrics(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, double>>(json) ?? new Dictionary<string, double>();

    public static string WriteOutputs(IEnumerable<string> outputs) => JsonSerializer.Serialize(outputs.Distinct(StringComparer.Ordinal).ToArray());
}
