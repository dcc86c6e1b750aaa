using System.Globalization;
using System.Text.Json;

namespace InstructGpt.Training.Runs;

/// <summary>
/// Per-step metrics as JSON Lines (metrics.jsonl), one object per step, flushed as written so a
/// crash loses at most the line being written. On resume, lines past the resumed step are dropped
/// so the file matches an uninterrupted run.
/// </summary>
public sealed class MetricsLog : IDisposable
{
    public const string FileName = "metrics.jsonl";
    private readonly StreamWriter writer;

    public MetricsLog(string runDirectory, long resumeFromStep)
    {
        Directory.CreateDirectory(runDirectory);
        Path = System.IO.Path.Combine(runDirectory, FileName);
        var kept = File.Exists(Path)
            ? File.ReadAllLines(Path).Where(l => l.Length > 0 && IsComplete(l) && StepOf(l) <= resumeFromStep).ToList()
            : [];
        File.WriteAllLines(Path, kept);
        writer = new StreamWriter(new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
    }

    public string Path { get; }

    public void Write(string stage, long step, IReadOnlyDictionary<string, double> metrics)
    {
        var line = new Dictionary<string, object> { ["stage"] = stage, ["step"] = step, ["time"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) };
        foreach (var (k, v) in metrics) line[k] = double.IsFinite(v) ? v : v.ToString(CultureInfo.InvariantCulture);
        writer.WriteLine(JsonSerializer.Serialize(line));
    }

    /// <summary>Reads a metrics file back (for the API's series and for tests).</summary>
    public static IReadOnlyList<Dictionary<string, JsonElement>> Read(string path) =>
        File.Exists(path)
            ? File.ReadAllLines(path).Where(l => l.Length > 0 && IsComplete(l)).Select(l => JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(l)!).ToList()
            : [];

    private static bool IsComplete(string line)
    {
        try
        {
            using var _ = JsonDocument.Parse(line);
            return true;
        }
        catch (JsonException)
        {
            return false; // a line cut short by a crash
        }
    }

    private static long StepOf(string line)
    {
        using var doc = JsonDocument.Parse(line);
        return doc.RootElement.TryGetProperty("step", out var s) ? s.GetInt64() : 0;
    }

    public void Dispose() => writer.Dispose();
}
