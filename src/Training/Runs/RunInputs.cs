using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace InstructGpt.Training.Runs;

/// <summary>
/// What a stage's run starts from — its settings, seed, datasets and starting checkpoints — reduced to one SHA-256 and
/// saved with the resumable state. A resumed run equals an uninterrupted one only when these are the same, so a stage
/// run again with another setting (say <c>--set rm.LearningRate=…</c>) starts over instead of silently continuing a
/// run that was started with the old one.
/// </summary>
public static class RunInputs
{
    /// <param name="settings">The stage's settings record (every hyperparameter it trains with).</param>
    /// <param name="dataHashes">Dataset file name → SHA-256 of its contents.</param>
    /// <param name="checkpoints">Role (e.g. "init", "reward") → identity of that checkpoint's contents.</param>
    public static string Fingerprint(string stage, object settings, ulong seed, IReadOnlyDictionary<string, string> dataHashes,
        IReadOnlyDictionary<string, string> checkpoints)
    {
        var inputs = new JsonObject
        {
            ["stage"] = stage,
            ["settings"] = JsonSerializer.SerializeToNode(settings, settings.GetType()),
            ["seed"] = seed,
            ["data"] = Sorted(dataHashes),
            ["checkpoints"] = Sorted(checkpoints),
        };
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(inputs.ToJsonString())));
    }

    private static JsonObject Sorted(IReadOnlyDictionary<string, string> values)
    {
        var result = new JsonObject();
        foreach (var (key, value) in values.OrderBy(p => p.Key, StringComparer.Ordinal)) result[key] = value;
        return result;
    }
}
