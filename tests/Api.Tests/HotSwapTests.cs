using InstructGpt.Api.Tests.Fixtures;
using InstructGpt.Inference.Serving;

namespace InstructGpt.Api.Tests;

/// <summary>A checkpoint replaced on disk serves new requests with the new weights while running ones finish on the old.</summary>
public sealed class HotSwapTests : IDisposable
{
    private static readonly InstructGpt.Inference.Model.GptConfig Slow = TestCheckpoints.Config with { NEmbd = 256, NLayer = 4, NHead = 4, NPositions = 1024 };
    private readonly ApiFactory api = new();

    public HotSwapTests() => TestCheckpoints.Write(api.CheckpointsDirectory, "live", "ppo", "sft", seed: 20, Slow);

    public void Dispose() => api.Dispose();

    private static object Greedy(string prompt, int tokens, bool stream = false) =>
        new { model = "live", prompt, max_tokens = tokens, temperature = 0, ignore_eos = true, stream };

    [Fact]
    public async Task RequestsAfterAPublishUseTheNewWeightsAndRunningOnesFinishOnTheOld()
    {
        var client = api.CreateClient();
        var oldLong = (await Json.PostAsync(client, "/v1/completions", Greedy("long", 200))).GetProperty("choices")[0].GetProperty("text").GetString();
        var oldShort = (await Json.PostAsync(client, "/v1/completions", Greedy("short", 8))).GetProperty("choices")[0].GetProperty("text").GetString();

        // A long request is decoding on the old weights when training publishes new ones (write + atomic rename).
        var running = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/v1/completions") { Content = Json.Body(Greedy("long", 200, stream: true)) },
            HttpCompletionOption.ResponseHeadersRead);
        var body = await running.Content.ReadAsStreamAsync();
        var events = Sse.ReadDataAsync(body).GetAsyncEnumerator();
        Assert.True(await events.MoveNextAsync());
        var streamed = new System.Text.StringBuilder(Text(events.Current));
        TestCheckpoints.Write(api.CheckpointsDirectory, "live", "ppo", "sft", seed: 21, Slow);

        var newShort = (await Json.PostAsync(client, "/v1/completions", Greedy("short", 8))).GetProperty("choices")[0].GetProperty("text").GetString();
        while (await events.MoveNextAsync())
            if (events.Current != "[DONE]") streamed.Append(Text(events.Current));

        Assert.NotEqual(oldShort, newShort);
        Assert.Equal(oldLong, streamed.ToString());
        var served = Assert.Single(api.Service<ModelPool>().Loaded, m => m.Name == "live");
        Assert.Equal(CheckpointVersion.Read(Path.Combine(api.CheckpointsDirectory, "live")), served.Version);
    }

    [Fact]
    public async Task ADirectoryMissingForAMomentKeepsServingTheLoadedVersion()
    {
        var client = api.CreateClient();
        var before = await Json.PostAsync(client, "/v1/completions", Greedy("steady", 6));
        var directory = Path.Combine(api.CheckpointsDirectory, "live");
        var aside = Path.Combine(api.CheckpointsDirectory, ".live.old-test");
        Directory.Move(directory, aside); // the middle of CheckpointWriter's two renames
        try
        {
            var during = await Json.PostAsync(client, "/v1/completions", Greedy("steady", 6));
            Assert.Equal(Text(before), Text(during));
        }
        finally
        {
            Directory.Move(aside, directory);
        }
    }

    private static string Text(string data) =>
        System.Text.Json.JsonDocument.Parse(data).RootElement.GetProperty("choices")[0].GetProperty("text").GetString()!;

    private static string Text(System.Text.Json.JsonElement completion) =>
        completion.GetProperty("choices")[0].GetProperty("text").GetString()!;
}
