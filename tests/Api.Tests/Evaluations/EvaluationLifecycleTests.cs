using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using InstructGpt.Api.Jobs;
using InstructGpt.Api.Tests.Fixtures;
using InstructGpt.Api.Tests.Jobs;

namespace InstructGpt.Api.Tests.Evaluations;

/// <summary>Evaluations that really run (micro checkpoints copied from the shared micro home): progress, report and its views, samples, cancel, restart.</summary>
public sealed class EvaluationLifecycleTests : IDisposable
{
    private readonly List<string> homes = [];

    public void Dispose()
    {
        foreach (var home in homes) JobHomes.Delete(home);
    }

    private string Home()
    {
        var home = EvaluationHomes.MicroCopy();
        homes.Add(home);
        return home;
    }

    [Fact]
    public async Task EvaluationReportsProgressThenItsReportWithEveryModelsWinRateAndTheViews()
    {
        var home = Home();
        using var api = JobHomes.Host(home);
        var client = api.CreateAuthorizedClient();
        var (queued, location) = await EvaluationHomes.SubmitAsync(client, EvaluationHomes.Request(prompts: 4));
        Assert.Equal("evaluation", queued.GetProperty("object").GetString());
        Assert.Equal(["sft", "ppo", "gpt-prompted"], queued.GetProperty("models").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(JsonValueKind.Null, queued.GetProperty("report").ValueKind);
        var id = queued.GetProperty("id").GetString()!;

        var done = await EvaluationHomes.WaitAsync(client, location, JobHomes.Ended);
        Assert.True(JobHomes.Status(done) == "succeeded", done.ToString());
        var progress = done.GetProperty("progress");
        Assert.True(progress.GetProperty("total").GetInt64() > 0);
        Assert.Equal(progress.GetProperty("total").GetInt64(), progress.GetProperty("done").GetInt64());
        Assert.Equal(100.0, progress.GetProperty("percent").GetDouble());
        Assert.True(done.GetProperty("generated_tokens").GetInt64() > 0);

        // Progress was reported while it ran: the job's series climbs to the total, through the phases, model by model.
        var series = (await api.Service<JobQueue>().StoreAsync()).Series(id);
        Assert.True(series.Count >= 3, $"{series.Count} progress points");
        Assert.Equal(series.Select(p => p.Step).Order(), series.Select(p => p.Step));
        Assert.Contains(series, p => p.Stage == "generate:ppo");
        Assert.Contains(series, p => p.Stage.StartsWith("score", StringComparison.Ordinal));
        Assert.Contains($"instructgpt_training_job_progress{{job=\"{id}\",kind=\"evaluation\",stage=\"aggregate\"}} 1", await client.GetStringAsync("/metrics"));

        // The report: every model but the baseline has a win rate against it by each pairwise judge, with its 95% interval.
        var report = done.GetProperty("report");
        Assert.Equal(id, report.GetProperty("runId").GetString());
        Assert.Equal("completed", report.GetProperty("status").GetString());
        var results = report.GetProperty("results").EnumerateArray().ToList();
        foreach (var model in new[] { "ppo", "gpt-prompted" })
            foreach (var judge in new[] { "labeler", "rm" })
            {
                var winRate = Assert.Single(results, r => r.GetProperty("metric").GetString() == "win_rate" && r.GetProperty("model").GetString() == model
                    && r.GetProperty("judge").GetString() == judge && r.GetProperty("category").GetString() == "all");
                var value = winRate.GetProperty("value").GetDouble();
                Assert.InRange(value, 0, 1);
                Assert.InRange(winRate.GetProperty("ciLow").GetDouble(), 0, value);
                Assert.InRange(winRate.GetProperty("ciHigh").GetDouble(), value, 1);
                Assert.Equal(4, winRate.GetProperty("n").GetInt32());
            }
        Assert.Contains(results, r => r.GetProperty("metric").GetString() == "perplexity" && r.GetProperty("model").GetString() == "ppo");
        Assert.Contains(results, r => r.GetProperty("metric").GetString()!.StartsWith("expected_max_toxicity", StringComparison.Ordinal));

        // report.json is the same report, and instructgpt eval's files are written where the CLI writes them.
        var (jsonResponse, json) = await EvaluationHomes.GetTextAsync(client, $"{location}/report.json");
        Assert.Equal("application/json", jsonResponse.Content.Headers.ContentType!.MediaType);
        Assert.Equal(results.Count, JsonDocument.Parse(json).RootElement.GetProperty("results").GetArrayLength());
        Assert.True(File.Exists(Path.Combine(home, "reports", id, "report.json")));

        // Every chart is well-formed SVG, served as such.
        var charts = done.GetProperty("links").GetProperty("charts").EnumerateObject().ToList();
        Assert.Equal(["win-rate", "metadata-rates", "toxicity", "likert-by-category"], charts.Select(c => c.Name));
        foreach (var chart in charts)
        {
            var (response, svg) = await EvaluationHomes.GetTextAsync(client, chart.Value.GetString()!);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
            var root = XDocument.Parse(svg).Root!;
            Assert.Equal(XName.Get("svg", "http://www.w3.org/2000/svg"), root.Name);
        }
        var winRateSvg = (await EvaluationHomes.GetTextAsync(client, $"{location}/charts/win-rate.svg")).Body;
        Assert.Contains("ppo", winRateSvg);

        var (markdownResponse, markdown) = await EvaluationHomes.GetTextAsync(client, done.GetProperty("links").GetProperty("report_markdown").GetString()!);
        Assert.Equal("text/markdown", markdownResponse.Content.Headers.ContentType!.MediaType);
        Assert.Contains(id, markdown);
        Assert.Contains("gpt-prompted", markdown);
        var (htmlResponse, html) = await EvaluationHomes.GetTextAsync(client, done.GetProperty("links").GetProperty("report_html").GetString()!);
        Assert.Equal("text/html", htmlResponse.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<svg", html);
        Assert.Contains("default-src 'none'", htmlResponse.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{location}/charts/nope.svg")).StatusCode);

        // Samples, page by page and filtered.
        var first = await JobHomes.GetAsync(client, $"{location}/samples?limit=5");
        var total = first.GetProperty("total").GetInt32();
        Assert.Equal(5, first.GetProperty("data").GetArrayLength());
        Assert.True(first.GetProperty("has_more").GetBoolean());
        var seen = 0;
        for (int? offset = 0; offset is not null;)
        {
            var page = await JobHomes.GetAsync(client, $"{location}/samples?limit=100&offset={offset}");
            seen += page.GetProperty("data").GetArrayLength();
            offset = page.GetProperty("next_offset").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next_offset").GetInt32();
        }
        Assert.Equal(total, seen);
        var ppo = await JobHomes.GetAsync(client, $"{location}/samples?model=ppo&judge=labeler&limit=100");
        Assert.All(ppo.GetProperty("data").EnumerateArray(), s =>
        {
            Assert.Equal("ppo", s.GetProperty("model").GetString());
            Assert.Equal("labeler", s.GetProperty("judge").GetString());
            if (s.GetProperty("category").GetString() != "toxicity") Assert.InRange(s.GetProperty("likert").GetInt32(), 1, 7);
            else Assert.InRange(s.GetProperty("toxicity").GetDouble(), 0, 1);
        });
        // 4 prompts, and 4 probes × 2 variants × 2 samples.
        Assert.Equal(4 + 16, ppo.GetProperty("total").GetInt32());

        var list = await JobHomes.GetAsync(client, EvaluationHomes.Path);
        Assert.Equal(id, list.GetProperty("data")[0].GetProperty("id").GetString());
    }

    /// <summary>Enough work that a cancel or a stop lands in the middle: all 40 micro test prompts, four models, two judges.</summary>
    private static Dictionary<string, object?> LongerRequest() =>
        EvaluationHomes.Request(prompts: 40, maxTokens: 32, models: ["ppo", "ppo-ptx", "gpt", "gpt-prompted"]);

    [Fact]
    public async Task CancellingARunningEvaluationStopsItAfterItsBatchAndKeepsWhatItStored()
    {
        var home = Home();
        using var api = JobHomes.Host(home);
        var client = api.CreateAuthorizedClient();
        var (_, location) = await EvaluationHomes.SubmitAsync(client, LongerRequest());
        var running = await EvaluationHomes.WaitAsync(client, location, e => JobHomes.Ended(e) || EvaluationHomes.Done(e) > 0);
        Assert.Equal("running", JobHomes.Status(running));

        var response = await client.DeleteAsync(location);
        var answer = await Json.ReadAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(answer.GetProperty("cancel_requested").GetBoolean());

        var cancelled = await EvaluationHomes.WaitAsync(client, location, JobHomes.Ended);
        Assert.Equal("cancelled", JobHomes.Status(cancelled));
        Assert.Contains("outputs and labels made so far stay in the database", cancelled.GetProperty("error").GetString());
        Assert.True(EvaluationHomes.Done(cancelled) < cancelled.GetProperty("progress").GetProperty("total").GetInt64());
        Assert.Equal(JsonValueKind.Null, cancelled.GetProperty("report").ValueKind);
        Assert.True((await JobHomes.GetAsync(client, $"{location}/samples")).GetProperty("total").GetInt32() > 0);

        var early = await client.GetAsync($"{location}/report.md");
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("report_not_ready", (await Json.ReadAsync(early)).GetProperty("error").GetProperty("code").GetString());
        var again = await client.DeleteAsync(location);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("evaluation_not_cancellable", (await Json.ReadAsync(again)).GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task EvaluationRunningWhenTheServerStopsResumesItsRunOnTheNextStart()
    {
        var home = Home();
        string location;
        DateTimeOffset restarted;
        using (var first = JobHomes.Host(home))
        {
            var client = first.CreateAuthorizedClient();
            (_, location) = await EvaluationHomes.SubmitAsync(client, LongerRequest());
            var running = await EvaluationHomes.WaitAsync(client, location, e => JobHomes.Ended(e) || EvaluationHomes.Done(e) > 0);
            Assert.Equal("running", JobHomes.Status(running));
        } // the host stops: the run stops after its batch, and the job stays running in the database
        restarted = DateTimeOffset.UtcNow;

        using var second = JobHomes.Host(home);
        var again = second.CreateAuthorizedClient();
        var done = await EvaluationHomes.WaitAsync(again, location, JobHomes.Ended);
        Assert.True(JobHomes.Status(done) == "succeeded", done.ToString());
        Assert.Equal(2, done.GetProperty("attempts").GetInt32());
        Assert.Equal(JsonValueKind.Null, done.GetProperty("error").ValueKind);
        // The same run went on (it was created before the restart), and nothing was labeled twice: 40 prompts and 10 probes × 2 variants × 2 samples.
        var report = done.GetProperty("report");
        Assert.True(report.GetProperty("createdAt").GetDateTimeOffset() < restarted);
        foreach (var model in new[] { "sft", "ppo", "gpt-prompted" })
            Assert.Equal(40 + 40, (await JobHomes.GetAsync(again, $"{location}/samples?model={model}&judge=labeler")).GetProperty("total").GetInt32());
        Assert.Equal(4, report.GetProperty("results").EnumerateArray().Count(r =>
            r.GetProperty("metric").GetString() == "win_rate" && r.GetProperty("category").GetString() == "all" && r.GetProperty("judge").GetString() == "labeler"));
    }

    [Fact]
    public async Task EvaluationWhoseLlmApiKeyARestartLostFailsSayingSoInsteadOfRunningWithoutIt()
    {
        var home = Home();
        string location;
        using (var first = JobHomes.Host(home, new() { ["Jobs:Workers"] = "0" }))
        {
            var body = EvaluationHomes.Request(prompts: 2, judges: ["labeler", "llm"]);
            body["llm"] = new { url = "http://127.0.0.1:9/v1", model = "judge", api_key = "sk-secret" };
            (_, location) = await EvaluationHomes.SubmitAsync(first.CreateAuthorizedClient(), body);
        }

        using var second = JobHomes.Host(home);
        var failed = await EvaluationHomes.WaitAsync(second.CreateAuthorizedClient(), location, JobHomes.Ended);
        Assert.Equal("failed", JobHomes.Status(failed));
        Assert.Contains("API key is held in this server's memory only", failed.GetProperty("error").GetString());
    }
}
