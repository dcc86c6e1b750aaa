using System.Text.Json;
using System.Text.RegularExpressions;
using InstructGpt.Api.Tests.Fixtures;
using InstructGpt.Inference.Serving;

namespace InstructGpt.Api.Tests;

/// <summary>Concurrent HTTP requests share decode steps and answer exactly as they do one at a time.</summary>
public sealed class ContinuousBatchingTests : IDisposable
{
    private readonly ApiFactory api = new(new() { ["Serving:MaxBatchSize"] = "16" });

    public void Dispose() => api.Dispose();

    private static readonly object[] Requests =
    [
        new { model = "sft", prompt = "Tell me a story about a fox", max_tokens = 48, temperature = 0, ignore_eos = true },
        new { model = "sft", prompt = "Hi", max_tokens = 40, temperature = 0, ignore_eos = true },
        new { model = "sft", prompt = "Seeded sampling keeps its own generator", max_tokens = 36, temperature = 0.9, top_p = 0.95, seed = 77, ignore_eos = true },
        new { model = "sft", prompt = new[] { "two", "prompts" }, max_tokens = 30, temperature = 0, ignore_eos = true },
        new { model = "sft", prompt = "n of three", max_tokens = 32, temperature = 1.0, n = 3, seed = 5, ignore_eos = true },
        new { model = "sft", prompt = "Short", max_tokens = 12, temperature = 0 },
        new { model = "sft", prompt = "Top k", max_tokens = 44, temperature = 0.7, top_k = 8, seed = 9, ignore_eos = true },
        new { model = "sft", prompt = "A", max_tokens = 28, temperature = 0, logprobs = 2, ignore_eos = true },
    ];

    private static List<string> Texts(JsonElement completion) =>
        completion.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("text").GetString()!).ToList();

    [Fact]
    public async Task ConcurrentRequestsMatchSequentialOnesAndAreBatched()
    {
        var client = api.CreateClient();
        var sequential = new List<List<string>>();
        foreach (var r in Requests) sequential.Add(Texts(await Json.PostAsync(client, "/v1/completions", r)));
        var pool = api.Service<ModelPool>();
        var scheduler = pool.Loaded.Single(m => m.Name == "sft").Scheduler;
        // One at a time, the largest batch is the largest single request (one prompt with n = 3).
        Assert.Equal(3, scheduler.Statistics.MaxBatchSizeObserved);

        // The same requests at once, a little staggered so that some join a batch that is already decoding.
        var concurrent = await Task.WhenAll(Requests.Select(async (r, i) =>
        {
            await Task.Delay(i * 4);
            return Texts(await Json.PostAsync(client, "/v1/completions", r));
        }));

        for (var i = 0; i < Requests.Length; i++) Assert.Equal(sequential[i], concurrent[i]);
        Assert.True(scheduler.Statistics.MaxBatchSizeObserved > 3, $"requests were never batched: {scheduler.Statistics}");
        var metrics = await client.GetStringAsync("/metrics");
        var max = Regex.Match(metrics, "instructgpt_max_batch_size\\{model=\"sft\"\\} (\\d+)");
        Assert.True(max.Success, metrics);
        Assert.True(int.Parse(max.Groups[1].Value) > 3);
    }
}
