using System.Net;
using InstructGpt.Api.Tests.Fixtures;

namespace InstructGpt.Api.Tests;

[Collection(SharedApiCollection.Name)]
public sealed class OperationsTests(ApiFactory api)
{
    [Fact]
    public async Task HealthIs200()
    {
        var health = await api.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok", (await Json.ReadAsync(health)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ReadyIs200WithCheckpointsAnd503Without()
    {
        var ready = await api.CreateClient().GetAsync("/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("sft", (await Json.ReadAsync(ready)).GetProperty("servable").EnumerateArray().Select(e => e.GetString()));

        using var empty = new ApiFactory(new() { ["Serving:CheckpointsDirectory"] = Path.Combine(Path.GetTempPath(), "instructgpt-none-" + Guid.NewGuid().ToString("N")) });
        var notReady = await empty.CreateClient().GetAsync("/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal("application/problem+json", notReady.Content.Headers.ContentType?.MediaType);
        Assert.Contains("No checkpoint", (await Json.ReadAsync(notReady)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ReadySaysReadyOnceAModelIsLoaded()
    {
        var client = api.CreateClient();
        await Json.PostAsync(client, "/v1/completions", new { model = "sft", prompt = "warm", max_tokens = 1 });
        var ready = await Json.ReadAsync(await client.GetAsync("/ready"));
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Contains("sft", ready.GetProperty("loaded").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task ErrorsOutsideV1AreProblemDetails()
    {
        var missing = await api.CreateClient().GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, (await Json.ReadAsync(missing)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task MetricsArePrometheusTextWithRequestsTokensQueueAndLatencies()
    {
        var client = api.CreateClient();
        await Json.PostAsync(client, "/v1/completions", new { model = "sft", prompt = "metrics", max_tokens = 5, ignore_eos = true });
        await client.PostAsync("/v1/completions", Json.Raw("{"));
        var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE instructgpt_http_requests_total counter", text);
        Assert.Contains("instructgpt_http_requests_total{method=\"POST\",route=\"/v1/completions\",status=\"200\"}", text);
        Assert.Contains("instructgpt_http_requests_total{method=\"POST\",route=\"/v1/completions\",status=\"400\"}", text);
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text);
        Assert.Matches("instructgpt_generated_tokens_total\\{model=\"sft\"\\} [1-9]", text);
        Assert.Contains("instructgpt_queue_depth{model=\"sft\"} 0", text);
        Assert.Contains("# TYPE instructgpt_time_to_first_token_seconds histogram", text);
        Assert.Matches("instructgpt_time_to_first_token_seconds_bucket\\{model=\"sft\",le=\"\\+Inf\"\\} [1-9]", text);
        Assert.Matches("instructgpt_inter_token_latency_seconds_count\\{model=\"sft\"\\} [1-9]", text);
        Assert.Contains("instructgpt_max_batch_size{model=\"sft\"}", text);
    }
}
