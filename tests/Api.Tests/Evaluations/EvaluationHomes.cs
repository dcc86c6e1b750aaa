using System.Text.Json;
using InstructGpt.Api.Tests.Fixtures;
using InstructGpt.Api.Tests.Jobs;

namespace InstructGpt.Api.Tests.Evaluations;

/// <summary>Data directories for evaluation tests: copies of the shared micro pipeline home with its world's sets uploaded under datasets/.</summary>
internal static class EvaluationHomes
{
    public const string Path = "/v1/evaluations";

    /// <summary>A copy of the micro home whose datasets/ holds the micro world's test prompts, toxicity probes and held-out text.</summary>
    public static string MicroCopy() => UploadMicroSets(JobHomes.MicroCopy());

    /// <summary>Puts the micro world's sets under <paramref name="home"/>'s datasets/ as uploads would, unless they are there.</summary>
    public static string UploadMicroSets(string home)
    {
        var datasets = Directory.CreateDirectory(System.IO.Path.Combine(home, "datasets")).FullName;
        foreach (var (file, name) in new[] { ("test.jsonl", "micro-test"), ("toxicity.jsonl", "micro-toxicity"), ("pretrain.test.jsonl", "micro-text") })
            if (!File.Exists(System.IO.Path.Combine(datasets, name + ".jsonl")))
                File.Copy(System.IO.Path.Combine(home, "data", file), System.IO.Path.Combine(datasets, name + ".jsonl"));
        return home;
    }

    /// <summary>A small evaluation of the micro models on the micro world's sets.</summary>
    public static Dictionary<string, object?> Request(int prompts, int maxTokens = 16, string[]? models = null, string[]? judges = null) => new()
    {
        ["models"] = models ?? ["ppo", "gpt-prompted"],
        ["baseline"] = "sft",
        ["eval_sets"] = new[] { "micro-test", "micro-toxicity", "micro-text" },
        ["judges"] = judges ?? ["labeler", "rm"],
        ["sampling"] = new { temperature = 0.7, top_p = 1.0, max_tokens = maxTokens, seed = 3 },
        ["max_prompts"] = prompts,
        ["samples_per_probe"] = 2,
    };

    public static long Done(JsonElement evaluation) => evaluation.GetProperty("progress").GetProperty("done").GetInt64();

    public static async Task<(JsonElement Evaluation, string Location)> SubmitAsync(HttpClient client, object body) =>
        await JobHomes.SubmitAsync(client, Path, body);

    public static Task<JsonElement> WaitAsync(HttpClient client, string location, Func<JsonElement, bool> done, int seconds = 180) =>
        JobHomes.WaitAsync(client, location, done, seconds);

    public static async Task<(HttpResponseMessage Response, string Body)> GetTextAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        return (response, await response.Content.ReadAsStringAsync());
    }
}
