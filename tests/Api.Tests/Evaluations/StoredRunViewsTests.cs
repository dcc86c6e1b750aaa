using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using InstructGpt.Api.Tests.Fixtures;
using InstructGpt.Evaluation.Metrics;
using InstructGpt.Evaluation.Storage;

namespace InstructGpt.Api.Tests.Evaluations;

/// <summary>
/// A run that <c>instructgpt eval</c> stored in the server's database (written here through the store, with aggregates set by hand) is
/// listed and its report served: the numbers that went in come out in every view.
/// </summary>
public sealed class StoredRunViewsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string RunId = "eval-20260101-120000-abcdef";

    // ppo against sft: 3 wins, 2 ties, 5 losses → 40% with ties counting half; the 95% Wilson interval for 4/10 is
    // (0.4 + z²/20 ± z·√(0.024 + z²/400)) / (1 + z²/10) with z = 1.96: [0.1682, 0.6873].
    private static readonly Aggregate PpoWinRate = new("ppo", "labeler", Aggregate.AllCategories, MetricNames.WinRate, 0.4, 0.1682, 0.6873, 10, IntervalMethods.WilsonTiesHalf);
    private static readonly Aggregate PpoLikert = new("ppo", "labeler", Aggregate.AllCategories, MetricNames.LikertMean, 4.5, 3.9, 5.1, 10, IntervalMethods.StudentT);

    private async Task StoreRunAsync()
    {
        var store = await EvaluationStore.OpenAsync(Path.Combine(api.Home, EvaluationStore.DatabaseFileName));
        if (await store.GetRunAsync(RunId) is not null) return;
        await store.CreateRunAsync(new EvaluationRun
        {
            Id = RunId,
            Status = RunStatus.Completed,
            Models = ["sft", "ppo"],
            Baseline = "sft",
            EvalSet = "test,toxicity",
            Judges = ["labeler"],
            ConfigJson = """{"sampling": {"seed": 1}}""",
        });
        await store.ReplaceAggregatesAsync(RunId, [PpoWinRate, PpoLikert]);
    }

    [Fact]
    public async Task StoredRunIsListedWithItsReportAndEveryViewShowsItsNumbers()
    {
        await StoreRunAsync();
        var client = api.CreateClient();

        var listed = (await Json.ReadAsync(await client.GetAsync("/v1/evaluations"))).GetProperty("data").EnumerateArray();
        var item = Assert.Single(listed, e => e.GetProperty("id").GetString() == RunId);
        Assert.Equal("succeeded", item.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("report").ValueKind);

        var evaluation = await Json.ReadAsync(await client.GetAsync($"/v1/evaluations/{RunId}"));
        Assert.Equal(["sft", "ppo"], evaluation.GetProperty("models").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(["test", "toxicity"], evaluation.GetProperty("eval_sets").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(1, evaluation.GetProperty("request").GetProperty("sampling").GetProperty("seed").GetInt32());
        var winRate = evaluation.GetProperty("report").GetProperty("results").EnumerateArray().Single(r => r.GetProperty("metric").GetString() == "win_rate");
        Assert.Equal(0.4, winRate.GetProperty("value").GetDouble());
        Assert.Equal(0.1682, winRate.GetProperty("ciLow").GetDouble());
        Assert.Equal(0.6873, winRate.GetProperty("ciHigh").GetDouble());
        Assert.Equal(10, winRate.GetProperty("n").GetInt32());

        var markdown = await client.GetStringAsync($"/v1/evaluations/{RunId}/report.md");
        Assert.Contains("| ppo | labeler | all | 40.0% | [16.8%, 68.7%] | 10 | wilson_ties_half |", markdown);
        var html = await client.GetStringAsync($"/v1/evaluations/{RunId}/report.html");
        Assert.Contains("40.0%", html);
        var svg = XDocument.Parse(await client.GetStringAsync($"/v1/evaluations/{RunId}/charts/win-rate.svg"));
        Assert.Contains(svg.Descendants(), e => e.Value.Contains("40", StringComparison.Ordinal));

        // Only the server's own jobs can be cancelled here.
        var cancel = await api.CreateAuthorizedClient().DeleteAsync($"/v1/evaluations/{RunId}");
        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
        Assert.Contains("instructgpt eval", (await Json.ReadAsync(cancel)).GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task OpenApiDocumentDescribesTheEvaluationEndpointsWithExamplesForEveryView()
    {
        var document = await Json.ReadAsync(await api.CreateClient().GetAsync("/openapi/v1.json"));
        var paths = document.GetProperty("paths");
        var create = paths.GetProperty("/v1/evaluations").GetProperty("post");
        Assert.True(create.TryGetProperty("security", out _));
        Assert.Equal("sft", create.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example").GetProperty("baseline").GetString());
        Assert.Equal("queued", create.GetProperty("responses").GetProperty("202").GetProperty("content").GetProperty("application/json").GetProperty("example").GetProperty("status").GetString());
        Assert.True(create.GetProperty("responses").TryGetProperty("400", out _));
        var get = paths.GetProperty("/v1/evaluations/{id}").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json");
        Assert.Equal("win_rate", get.GetProperty("example").GetProperty("report").GetProperty("results")[0].GetProperty("metric").GetString());
        Assert.True(get.GetProperty("schema").TryGetProperty("$ref", out _));
        foreach (var (path, type) in new[]
        {
            ("/v1/evaluations/{id}/report.md", "text/markdown; charset=utf-8"), ("/v1/evaluations/{id}/report.html", "text/html; charset=utf-8"),
            ("/v1/evaluations/{id}/charts/{name}", "image/svg+xml"), ("/v1/evaluations/{id}/report.json", "application/json"),
        })
        {
            var operation = paths.GetProperty(path).GetProperty("get");
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), path);
            Assert.True(operation.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty(type).TryGetProperty("example", out _), $"{path} {type}");
        }
        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.Contains("0 to 2", schemas.GetProperty("EvaluationSamplingRequest").GetProperty("properties").GetProperty("temperature").GetProperty("description").GetString());
    }
}
