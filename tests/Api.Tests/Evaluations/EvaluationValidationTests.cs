using System.Net;
using System.Net.Http.Headers;
using InstructGpt.Api.Tests.Fixtures;
using InstructGpt.Api.Tests.Jobs;

namespace InstructGpt.Api.Tests.Evaluations;

/// <summary>Every client mistake in an evaluation request is a 400 naming the field and what it may be, before anything is queued; and the key is required.</summary>
public sealed class EvaluationValidationTests : IClassFixture<QueueOnlyHost>
{
    private readonly QueueOnlyHost host;

    /// <summary>
    /// The job tests' queue-only host (its upload broken.jsonl lacks a completion on line 2), with the micro sets uploaded and an empty
    /// upload beside them.
    /// </summary>
    public EvaluationValidationTests(QueueOnlyHost host)
    {
        this.host = host;
        EvaluationHomes.UploadMicroSets(host.Home);
        File.WriteAllText(Path.Combine(host.Home, "datasets", "empty.jsonl"), "");
    }

    public sealed record Case(string Name, string Body, string Param, string Fragment, string? Code = null)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> Cases() =>
    [
        new("unknown model", """{"models": ["ppo", "nope"]}""", "models[1]", "there is no checkpoint 'nope'", "model_not_found"),
        new("model path outside the checkpoints", """{"models": ["../checkpoints/sft"]}""", "models[0]", "not valid", "invalid_model_name"),
        new("model listed twice", """{"models": ["ppo", "ppo"]}""", "models[1]", "listed twice"),
        new("a reward model as a writer", """{"models": ["ppo", "rm"]}""", "models[1]", "'rm' is a reward model", "model_not_supported"),
        new("a reward model as the baseline", """{"baseline": "rm"}""", "baseline", "'rm' is a reward model", "model_not_supported"),
        new("no models", """{"models": []}""", "models", "at least one model"),
        new("unknown baseline", """{"baseline": "gpt-5"}""", "baseline", "there is no checkpoint 'gpt-5'", "model_not_found"),
        new("unknown eval set", """{"eval_sets": ["nope"]}""", "eval_sets[0]", "use one of test, test.closed-domain, toxicity, pretrain.test", "dataset_not_found"),
        new("eval set path traversal", """{"eval_sets": ["micro-test", "../data/test"]}""", "eval_sets[1]", "without '..'; no '/'", "invalid_dataset_name"),
        new("absolute eval set path", """{"eval_sets": ["/etc/passwd"]}""", "eval_sets[0]", "not an eval set name", "invalid_dataset_name"),
        new("corrupt uploaded eval set", """{"eval_sets": ["broken"]}""", "eval_sets[0]", "broken.jsonl:2", "invalid_dataset"),
        new("eval set with nothing in it", """{"eval_sets": ["empty"]}""", "eval_sets", "give prompts, toxicity probes or held-out documents"),
        new("unknown judge", """{"judges": ["labeler", "oracle"]}""", "judges[1]", "use labeler, rm, human, llm"),
        new("llm judge without its endpoint", """{"judges": ["llm"]}""", "llm", "needs {\"url\""),
        new("llm judge with a non-http url", """{"judges": ["llm"], "llm": {"url": "file:///etc/passwd", "model": "judge"}}""", "llm.url", "not an absolute http(s) URL"),
        new("llm judge without a model", """{"judges": ["llm"], "llm": {"url": "http://127.0.0.1:9/v1"}}""", "llm.model", "judge model's name"),
        new("llm judge endpoint", """{"judges": ["llm"], "llm": {"url": "http://127.0.0.1:9/v1", "model": "m", "endpoint": "edits"}}""", "llm.endpoint", "use chat or completions"),
        new("llm configured but not a judge", """{"judges": ["labeler"], "llm": {"url": "http://127.0.0.1:9/v1", "model": "m"}}""", "llm", "does not list \"llm\""),
        new("rm judge without its checkpoint", """{"judges": ["rm"], "reward_model": "rm-nope"}""", "reward_model", "there is no checkpoint 'rm-nope'", "model_not_found"),
        new("temperature above 2", """{"sampling": {"temperature": 2.5}}""", "sampling.temperature", "temperature must be in [0, 2] (got 2.5)"),
        new("temperature of the wrong type", """{"sampling": {"temperature": "hot"}}""", "sampling.temperature", "number"),
        new("top_p of 0", """{"sampling": {"top_p": 0}}""", "sampling.top_p", "top_p must be in (0, 1] (got 0)"),
        new("max_tokens of 0", """{"sampling": {"max_tokens": 0}}""", "sampling.max_tokens", "from 1 to 4096"),
        new("max_tokens that fills the micro context", """{"sampling": {"max_tokens": 256}}""", "sampling.max_tokens", "context of 256 tokens; use an integer from 1 to 255"),
        new("negative seed", """{"sampling": {"seed": -1}}""", "sampling.seed", "from 0 to"),
        new("max_prompts of 0", """{"max_prompts": 0}""", "max_prompts", "from 1 to 100000"),
        new("too many samples per probe", """{"samples_per_probe": 1000}""", "samples_per_probe", "from 1 to 128"),
        new("alignment tax reference not evaluated", """{"models": ["ppo"], "alignment_tax_reference": "ppo-ptx"}""", "alignment_tax_reference", "not one of the evaluated models"),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadRequestIs400NamingTheFieldAndQueuesNothing(Case c)
    {
        var client = host.Api.CreateAuthorizedClient();
        var before = (await JobHomes.GetAsync(client, EvaluationHomes.Path)).GetProperty("data").GetArrayLength();
        var response = await client.PostAsync(EvaluationHomes.Path, Json.Raw(c.Body));
        var error = (await Json.ReadAsync(response)).GetProperty("error");

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{c.Name}: {(int)response.StatusCode} {error}");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(c.Param, error.GetProperty("param").GetString());
        Assert.Contains(c.Fragment, error.GetProperty("message").GetString());
        if (c.Code is not null) Assert.Equal(c.Code, error.GetProperty("code").GetString());
        Assert.Equal(before, (await JobHomes.GetAsync(client, EvaluationHomes.Path)).GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task SubmittingAndCancellingNeedTheApiKeyAndReadingDoesNot()
    {
        var anonymous = host.Api.CreateClient();
        var wrong = host.Api.CreateClient();
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-key");
        var body = EvaluationHomes.Request(prompts: 2);
        foreach (var client in new[] { anonymous, wrong })
        {
            var post = await client.PostAsync(EvaluationHomes.Path, Json.Body(body));
            Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
            Assert.Equal("invalid_api_key", (await Json.ReadAsync(post)).GetProperty("error").GetProperty("code").GetString());
        }

        var (queued, location) = await EvaluationHomes.SubmitAsync(host.Api.CreateAuthorizedClient(), body);
        foreach (var client in new[] { anonymous, wrong })
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.DeleteAsync(location)).StatusCode);
        Assert.Equal("queued", JobHomes.Status(await JobHomes.GetAsync(anonymous, location)));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(EvaluationHomes.Path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"{location}/samples")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Api.CreateAuthorizedClient().DeleteAsync(location)).StatusCode);
        Assert.NotNull(queued.GetProperty("id").GetString());
    }

    [Fact]
    public async Task QueuedEvaluationIsCancelledAtOnceAndItsReportIsNotThere()
    {
        var client = host.Api.CreateAuthorizedClient();
        var (queued, location) = await EvaluationHomes.SubmitAsync(client, EvaluationHomes.Request(prompts: 2));
        Assert.StartsWith("eval-", queued.GetProperty("id").GetString());
        Assert.Equal(location, queued.GetProperty("links").GetProperty("self").GetString());
        var report = await client.GetAsync($"{location}/report.html");
        Assert.Equal(HttpStatusCode.Conflict, report.StatusCode);
        Assert.Contains("is queued", (await Json.ReadAsync(report)).GetProperty("error").GetProperty("message").GetString());

        var cancel = await Json.ReadAsync(await client.DeleteAsync(location));
        Assert.Equal("cancelled", JobHomes.Status(cancel));
        Assert.Equal("cancelled", JobHomes.Status(await JobHomes.GetAsync(client, location)));
        Assert.Equal(HttpStatusCode.Conflict, (await client.DeleteAsync(location)).StatusCode);
    }

    [Theory]
    [InlineData("/v1/evaluations/eval-0123456789abcdef01234567", HttpStatusCode.NotFound, "evaluation_not_found")]
    [InlineData("/v1/evaluations/eval-0123456789abcdef01234567/report.md", HttpStatusCode.NotFound, "evaluation_not_found")]
    [InlineData("/v1/evaluations/eval-0123456789abcdef01234567/charts/win-rate.svg", HttpStatusCode.NotFound, "evaluation_not_found")]
    [InlineData("/v1/evaluations/..%2F..%2Fetc", HttpStatusCode.NotFound, "evaluation_not_found")]
    [InlineData("/v1/evaluations?limit=0", HttpStatusCode.BadRequest, null)]
    [InlineData("/v1/evaluations?limit=many", HttpStatusCode.BadRequest, null)]
    public async Task UnknownEvaluationsAndBadQueriesAreClientErrors(string path, HttpStatusCode status, string? code)
    {
        var response = await host.Api.CreateClient().GetAsync(path);
        var error = (await Json.ReadAsync(response)).GetProperty("error");
        Assert.True(response.StatusCode == status, $"{path}: {(int)response.StatusCode} {error}");
        if (code is not null) Assert.Equal(code, error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task LlmJudgeApiKeyIsNeverStoredOrShown()
    {
        var client = host.Api.CreateAuthorizedClient();
        var body = EvaluationHomes.Request(prompts: 2, judges: ["labeler", "llm"]);
        body["llm"] = new { url = "http://127.0.0.1:9/v1", model = "judge", api_key = "sk-secret-4711" };
        var (queued, location) = await EvaluationHomes.SubmitAsync(client, body);
        Assert.DoesNotContain("sk-secret-4711", queued.ToString());
        Assert.True(queued.GetProperty("request").GetProperty("llm").GetProperty("api_key_given").GetBoolean());
        Assert.DoesNotContain("sk-secret-4711", await client.GetStringAsync(location));
        foreach (var file in Directory.GetFiles(host.Home, "instructgpt.db*")) // the database and its write-ahead log
            Assert.Equal(-1, (await File.ReadAllBytesAsync(file)).AsSpan().IndexOf("sk-secret-4711"u8));
        await client.DeleteAsync(location);
    }
}
