using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace InstructGpt.Evaluation.Runs;

/// <summary>
/// A request's settings as the JSON stored with its run (<c>evaluation_runs.config_json</c>): enough to repeat the
/// run, and what a resumed run must match, so that its outputs are the ones the interrupted run would have made.
/// The eval set's records enter as SHA-256 hashes; the LLM judge's API key never enters.
/// </summary>
public static class RunConfiguration
{
    public static string Json(EvaluationRequest request)
    {
        var config = new JsonObject
        {
            ["models"] = new JsonArray(request.Models.Select(m => (JsonNode)new JsonObject
            {
                ["name"] = m.Name,
                ["checkpoint"] = m.CheckpointDirectory,
                ["prefix_sha256"] = m.Prefix.Length == 0 ? null : Sha256(m.Prefix),
                ["stop"] = new JsonArray(m.Stop.Select(s => (JsonNode?)s).ToArray()),
            }).ToArray()),
            ["baseline"] = request.Baseline,
            ["eval_set"] = request.EvalSet,
            ["judges"] = new JsonArray(request.Judges.Select(j => (JsonNode?)j).ToArray()),
            ["sampling"] = new JsonObject
            {
                ["max_tokens"] = request.Sampling.MaxTokens,
                ["temperature"] = request.Sampling.Temperature,
                ["top_p"] = request.Sampling.TopP,
                ["seed"] = request.Sampling.Seed,
                ["samples_per_probe"] = request.Sampling.SamplesPerProbe,
                ["batch_size"] = request.Sampling.BatchSize,
            },
            ["labeler"] = new JsonObject { ["seed"] = request.Labeler.Seed, ["noise"] = request.Labeler.Noise },
            ["reward_model"] = request.RewardModelDirectory,
            ["llm"] = request.LlmJudge is { } llm
                ? new JsonObject { ["base_url"] = llm.BaseUrl, ["model"] = llm.Model, ["endpoint"] = llm.Endpoint.ToString().ToLowerInvariant(), ["max_tokens"] = llm.MaxTokens, ["temperature"] = llm.Temperature }
                : null,
            ["alignment_tax_reference"] = request.TaxReference,
            ["prompts"] = Records(request.Prompts),
            ["toxicity_probes"] = Records(request.ToxicityProbes),
            ["held_out_documents"] = Records(request.HeldOutDocuments),
        };
        return config.ToJsonString();
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming the first setting where <paramref name="requested"/> differs
    /// from the run's <paramref name="stored"/> configuration.
    /// </summary>
    public static void EnsureSame(string runId, string stored, string requested)
    {
        var difference = FirstDifference("", JsonNode.Parse(stored), JsonNode.Parse(requested));
        if (difference is not null)
            throw new ArgumentException(
                $"run '{runId}' was started with other settings ({difference}); resume it with the same settings, or leave out the run id to start a new run",
                "run_id");
    }

    private static string? FirstDifference(string path, JsonNode? stored, JsonNode? requested)
    {
        if (stored is JsonObject a && requested is JsonObject b)
        {
            foreach (var key in a.Select(p => p.Key).Union(b.Select(p => p.Key)))
            {
                if (FirstDifference(path.Length == 0 ? key : $"{path}.{key}", a[key], b[key]) is { } found)
                    return found;
            }
            return null;
        }
        if (stored is JsonArray x && requested is JsonArray y && x.Count == y.Count)
        {
            for (var i = 0; i < x.Count; i++)
            {
                if (FirstDifference($"{path}[{i}]", x[i], y[i]) is { } found)
                    return found;
            }
            return null;
        }
        string before = stored?.ToJsonString() ?? "null", after = requested?.ToJsonString() ?? "null";
        return before == after ? null : $"{path} was {before}, now {after}";
    }

    private static JsonObject Records<T>(IReadOnlyList<T> records) => new()
    {
        ["count"] = records.Count,
        ["sha256"] = Sha256(JsonSerializer.Serialize(records)),
    };

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
