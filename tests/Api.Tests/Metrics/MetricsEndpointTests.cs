using InstructGpt.Api.Tests.Fixtures;

namespace InstructGpt.Api.Tests.Metrics;

/// <summary>
/// /metrics read as Prometheus would (<see cref="PrometheusExposition"/>): our own series keep their names, types and
/// labels on prometheus-net, which adds its HTTP request and process metrics; each host counts only its own requests.
/// </summary>
[Collection(SharedApiCollection.Name)]
public sealed class MetricsEndpointTests(ApiFactory api)
{
    private static readonly (string, string)[] CompletionsOk = [("method", "POST"), ("route", "/v1/completions"), ("status", "200")];
    private static readonly (string, string)[] Sft = [("model", "sft")];

    private async Task<HttpClient> AfterACompletionAsync()
    {
        var client = api.CreateClient();
        await Json.PostAsync(client, "/v1/completions", new { model = "sft", prompt = "metrics", max_tokens = 5, ignore_eos = true });
        return client;
    }

    [Fact]
    public async Task OurSeriesKeepTheirNamesTypesAndLabels()
    {
        var metrics = await PrometheusExposition.ScrapeAsync(await AfterACompletionAsync());

        var expected = new Dictionary<string, string>
        {
            ["instructgpt_http_requests_total"] = "counter",
            ["http_server_request_duration_seconds"] = "histogram",
            ["instructgpt_generated_tokens_total"] = "counter",
            ["instructgpt_prompt_tokens_total"] = "counter",
            ["instructgpt_requests_total"] = "counter",
            ["instructgpt_decode_steps_total"] = "counter",
            ["instructgpt_time_to_first_token_seconds"] = "histogram",
            ["instructgpt_inter_token_latency_seconds"] = "histogram",
            ["instructgpt_queue_depth"] = "gauge",
            ["instructgpt_batch_size"] = "gauge",
            ["instructgpt_max_batch_size"] = "gauge",
            ["instructgpt_training_jobs_queued"] = "gauge",
        };
        foreach (var (name, type) in expected) Assert.Equal(type, metrics.Types.GetValueOrDefault(name));

        Assert.Equal(["method", "route", "status"], metrics.Series("instructgpt_http_requests_total", CompletionsOk).Single().Labels.Keys.Order());
        Assert.Equal(["model"], metrics.Series("instructgpt_generated_tokens_total", Sft).Single().Labels.Keys);
        Assert.Empty(metrics.Series("instructgpt_training_jobs_queued").Single().Labels);
        Assert.Equal(0, metrics.Value("instructgpt_queue_depth", Sft));
        Assert.True(metrics.Value("http_server_request_duration_seconds_count", CompletionsOk) >= 1);
        Assert.True(metrics.Value("instructgpt_time_to_first_token_seconds_bucket", [.. Sft, ("le", "+Inf")]) >= 1);
    }

    [Fact]
    public async Task PrometheusNetAddsHttpRequestMetrics()
    {
        var metrics = await PrometheusExposition.ScrapeAsync(await AfterACompletionAsync());

        Assert.Equal("counter", metrics.Types.GetValueOrDefault("http_requests_received_total"));
        Assert.Equal("histogram", metrics.Types.GetValueOrDefault("http_request_duration_seconds"));
        Assert.Equal("gauge", metrics.Types.GetValueOrDefault("http_requests_in_progress"));
        (string, string)[] completions = [("code", "200"), ("method", "POST"), ("endpoint", "/v1/completions")];
        Assert.True(metrics.Value("http_requests_received_total", completions) >= 1);
        Assert.True(metrics.Value("http_request_duration_seconds_count", completions) >= 1);
    }

    [Fact]
    public async Task PrometheusNetAddsProcessAndRuntimeMetrics()
    {
        var metrics = await PrometheusExposition.ScrapeAsync(api.CreateClient());

        Assert.Equal("counter", metrics.Types.GetValueOrDefault("process_cpu_seconds_total"));
        Assert.True(metrics.Value("process_cpu_seconds_total") > 0);
        Assert.True(metrics.Value("process_working_set_bytes") > 0);
        Assert.True(metrics.Value("dotnet_total_memory_bytes") > 0);
        Assert.Single(metrics.Series("dotnet_collection_count_total", ("generation", "0")));
    }

    [Fact]
    public async Task CountersMoveByOneCompletion()
    {
        var client = api.CreateClient();
        var before = await PrometheusExposition.ScrapeAsync(client);
        await AfterACompletionAsync();
        var after = await PrometheusExposition.ScrapeAsync(client);

        double Moved(string name, params (string, string)[] labels) => after.Value(name, labels) - before.Value(name, labels);
        Assert.Equal(1, Moved("instructgpt_http_requests_total", CompletionsOk));
        Assert.Equal(1, Moved("http_server_request_duration_seconds_count", CompletionsOk));
        Assert.Equal(1, Moved("instructgpt_requests_total", Sft));
        Assert.Equal(5, Moved("instructgpt_generated_tokens_total", Sft));
        Assert.True(Moved("instructgpt_prompt_tokens_total", Sft) >= 1);
        Assert.True(Moved("instructgpt_decode_steps_total", Sft) >= 4);
        Assert.Equal(1, Moved("http_requests_received_total", ("code", "200"), ("method", "POST"), ("endpoint", "/v1/completions")));
    }

    [Fact]
    public async Task EachHostHasItsOwnRegistry()
    {
        await AfterACompletionAsync();
        using var other = new ApiFactory();
        var mine = await PrometheusExposition.ScrapeAsync(api.CreateClient());
        var theirs = await PrometheusExposition.ScrapeAsync(other.CreateClient());

        Assert.True(mine.Value("instructgpt_http_requests_total", CompletionsOk) >= 1);
        Assert.Equal(0, theirs.Value("instructgpt_http_requests_total", CompletionsOk));
        Assert.Equal(0, theirs.Value("http_requests_received_total", ("method", "POST"), ("endpoint", "/v1/completions")));
        Assert.Empty(theirs.Series("instructgpt_generated_tokens_total"));
    }
}
