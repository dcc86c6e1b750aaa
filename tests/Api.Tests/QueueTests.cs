using System.Net;
using InstructGpt.Api.Tests.Fixtures;
using InstructGpt.Inference.Serving;

namespace InstructGpt.Api.Tests;

/// <summary>A full queue answers 429 with Retry-After; a client that goes away gives its place back.</summary>
public sealed class QueueTests : IDisposable
{
    private readonly ApiFactory api = new(new()
    {
        ["Serving:MaxBatchSize"] = "1",
        ["Serving:QueueCapacity"] = "1",
        ["Serving:RetryAfterSeconds"] = "2",
    });

    public QueueTests() =>
        // Wider and deeper than the default test model, so that a long generation takes seconds, not milliseconds.
        TestCheckpoints.Write(api.CheckpointsDirectory, "slow", "sft", null, seed: 4, TestCheckpoints.Config with { NEmbd = 256, NLayer = 4, NHead = 4, NPositions = 1024 });

    public void Dispose() => api.Dispose();

    private static object Long(bool stream) => new { model = "slow", prompt = "Go", max_tokens = 1000, temperature = 0, ignore_eos = true, stream };

    [Fact]
    public async Task FullQueueIs429AndCancelledStreamsFreeTheirSlots()
    {
        var client = api.CreateClient();
        // A occupies the only batch row: wait for its first event, so it is decoding rather than queued.
        using var aCancel = new CancellationTokenSource();
        var a = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/v1/completions") { Content = Json.Body(Long(stream: true)) },
            HttpCompletionOption.ResponseHeadersRead, aCancel.Token);
        var aEvents = Sse.ReadDataAsync(await a.Content.ReadAsStreamAsync(), aCancel.Token).GetAsyncEnumerator();
        Assert.True(await aEvents.MoveNextAsync());

        // B waits in the queue (its stream is open: headers come at once); C finds the queue full.
        using var bCancel = new CancellationTokenSource();
        var b = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/v1/completions") { Content = Json.Body(Long(stream: true)) },
            HttpCompletionOption.ResponseHeadersRead, bCancel.Token);
        Assert.Equal(HttpStatusCode.OK, b.StatusCode);
        var c = await client.PostAsync("/v1/completions", Json.Body(Long(stream: false)));
        Assert.Equal(HttpStatusCode.TooManyRequests, c.StatusCode);
        Assert.Equal("2", c.Headers.GetValues("Retry-After").Single());
        var error = (await Json.ReadAsync(c)).GetProperty("error");
        Assert.Equal("rate_limit_error", error.GetProperty("type").GetString());
        Assert.Contains("busy", error.GetProperty("message").GetString());

        // B's client goes away: its place in the queue is free, so D is accepted.
        var scheduler = api.Service<ModelPool>().Loaded.Single(m => m.Name == "slow").Scheduler;
        bCancel.Cancel();
        b.Dispose();
        await WaitUntil(() => scheduler.Statistics.QueuedRequests == 0);
        var d = client.PostAsync("/v1/completions", Json.Body(new { model = "slow", prompt = "Next", max_tokens = 3, temperature = 0 }));

        // A's client goes away too: its row leaves the batch, and D runs.
        await aEvents.DisposeAsync();
        aCancel.Cancel();
        a.Dispose();
        var dResponse = await d.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, dResponse.StatusCode);
        await WaitUntil(() => scheduler.Statistics is { CancelledRequests: 2, ActiveSequences: 0 });
        Assert.True(scheduler.Statistics.GeneratedTokens < 900, "A was stopped long before its 1000 tokens");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the scheduler");
            await Task.Delay(10);
        }
    }
}
