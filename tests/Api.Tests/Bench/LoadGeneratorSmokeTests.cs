using InstructGpt.Api.Bench;
using InstructGpt.Api.Tests.Fixtures;

namespace InstructGpt.Api.Tests.Bench;

/// <summary>The load benchmark's client (bench/Api.Bench) against the real server on loopback: two streamed requests, counted right.</summary>
[Collection(KestrelApiCollection.Name)]
public sealed class LoadGeneratorSmokeTests(KestrelApiFactory api)
{
    [Fact]
    public async Task TwoStreamedRequestsAreCountedAndTimed()
    {
        using var http = new HttpClient { BaseAddress = api.BaseAddress };
        var result = await LoadGenerator.RunAsync(http, "sft", "Once upon a time", new LoadLevel(Clients: 2, RequestsPerClient: 1, MaxTokens: 8));

        Assert.True(result.Errors == 0, string.Join("; ", result.ErrorSamples));
        Assert.Equal(2, result.Requests);
        Assert.Equal(16, result.Tokens);
        Assert.True(result.TtftP50 > 0 && result.TtftP99 >= result.TtftP50, $"TTFT p50 {result.TtftP50}, p99 {result.TtftP99}");
        Assert.True(result.InterTokenP99 >= result.InterTokenP50 && result.InterTokenP50 >= 0);
        Assert.True(result.TokensPerSecond > 0);
    }

    [Fact]
    public async Task ARequestTheServerRefusesIsAnErrorNotATokenCount()
    {
        using var http = new HttpClient { BaseAddress = api.BaseAddress };
        var result = await LoadGenerator.RunAsync(http, "no-such-model", "x", new LoadLevel(1, 1, 4));

        Assert.Equal(1, result.Errors);
        Assert.Equal(0, result.Tokens);
        Assert.Contains("HTTP 404", Assert.Single(result.ErrorSamples));
    }

    [Fact]
    public void PercentilesAreNearestRank()
    {
        var hundred = Enumerable.Range(1, 100).Select(i => (double)i).Reverse();
        Assert.Equal(50, LoadGenerator.Percentile(hundred, 50));
        Assert.Equal(99, LoadGenerator.Percentile(hundred, 99));
        Assert.Equal(3, LoadGenerator.Percentile([1, 2, 3, 4], 75)); // ceil(0.75 * 4) = 3rd smallest
        Assert.Equal(7, LoadGenerator.Percentile([7], 99));
        Assert.True(double.IsNaN(LoadGenerator.Percentile([], 50)));
    }
}
