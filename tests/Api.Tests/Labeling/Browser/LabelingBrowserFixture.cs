using System.Net.Http.Headers;
using System.Text.Json;
using InstructGpt.Api.Tests.Fixtures;
using InstructGpt.Api.Tests.Jobs;
using OpenQA.Selenium.Chrome;

namespace InstructGpt.Api.Tests.Labeling.Browser;

/// <summary>
/// One server and one headless chromium for the labeling page's browser tests. The server runs over a copy of the micro home
/// with two batches sampled from sft and ppo: "agreement" (one prompt, overlap 2, ranked over REST by ann and ben while the
/// fixture starts, so the admin view has agreement to show and no one gets its task again) and "main" (sixteen micro-test
/// prompts, overlap 1), whose tasks the tests label in the browser; each test signs in as a labeler of its own.
/// </summary>
public sealed class LabelingBrowserFixture : IAsyncLifetime
{
    public LabelingServer Server { get; private set; } = null!;
    public ChromeDriver Driver { get; private set; } = null!;
    public LabelerPage Page { get; private set; } = null!;
    public Screenshots Screenshots { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;
    public string AgreementBatch { get; private set; } = null!;
    public string MainBatch { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = LabelingServer.OverMicroHome();
        Admin = Server.AdminClient();
        Screenshots = new Screenshots(Path.Combine(Server.DataHome, "screenshots"));
        AgreementBatch = await CreateBatchAsync(new { name = "agreement", prompts = new { texts = new[] { "Explain what a river is.\n" } }, models = new[] { "sft", "ppo" }, outputs_per_prompt = 3, overlap = 2, sampling = new { temperature = 0.9, max_tokens = 16, seed = 5 } });
        MainBatch = await CreateBatchAsync(new { name = "main", prompts = new { eval_set = "micro-test" }, max_prompts = 16, models = new[] { "sft", "ppo" }, outputs_per_prompt = 3, overlap = 1, sampling = new { temperature = 0.7, max_tokens = 24, seed = 1 } });
        await Task.WhenAll(WaitReadyAsync(AgreementBatch), WaitReadyAsync(MainBatch));
        await RankOverRestAsync("ann", [["A"], ["B"], ["C"]]);
        await RankOverRestAsync("ben", [["A"], ["C"], ["B"]]);
        Driver = Chrome.Start();
        Page = new LabelerPage(Driver, Server.BaseAddress);
    }

    public Task DisposeAsync()
    {
        Driver?.Quit();
        Driver?.Dispose();
        Admin?.Dispose();
        Server?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Issues a labeler token over REST (as whoever holds the API key does).</summary>
    public async Task<(string Id, string Token)> CreateLabelerAsync(string name)
    {
        var labeler = await Json.PostAsync(Admin, "/v1/labeling/labelers", new { name }, 201);
        return (labeler.GetProperty("id").GetString()!, labeler.GetProperty("token").GetString()!);
    }

    /// <summary>A new labeler opens the page by the link with their token; returns them and the task the page shows.</summary>
    public async Task<(string Id, string Token, long TaskId)> SignInNewLabelerAsync(string name)
    {
        var (id, token) = await CreateLabelerAsync(name);
        return (id, token, SignIn(token));
    }

    /// <summary>Opens the page (clean localStorage) by the link with <paramref name="token"/>; returns the task it shows.</summary>
    public long SignIn(string token)
    {
        Page.OpenFresh($"#token={token}");
        return Page.WaitForTask();
    }

    /// <summary>GET /v1/labeling/tasks/next as the labeler holding <paramref name="token"/>.</summary>
    public async Task<JsonElement> NextAsync(string token)
    {
        using var client = Labeler(token);
        return await JobHomes.GetAsync(client, "/v1/labeling/tasks/next");
    }

    public HttpClient Labeler(string token)
    {
        var client = Server.CreateClient();
        client.BaseAddress = Server.BaseAddress;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<string> CreateBatchAsync(object request)
    {
        var (batch, _) = await JobHomes.SubmitAsync(Admin, "/v1/labeling/batches", request);
        return batch.GetProperty("id").GetString()!;
    }

    private Task<JsonElement> WaitReadyAsync(string batch) =>
        JobHomes.WaitAsync(Admin, $"/v1/labeling/batches/{batch}", b => JobHomes.Status(b) is "ready" or "completed" or "failed" or "cancelled", 180)
            .ContinueWith(t => JobHomes.Status(t.Result) == "ready" ? t.Result : throw new InvalidOperationException($"batch {batch} did not become ready: {t.Result}"), TaskScheduler.Default);

    private async Task RankOverRestAsync(string name, string[][] ranking)
    {
        var (_, token) = await CreateLabelerAsync(name);
        var task = (await NextAsync(token)).GetProperty("task");
        if (task.GetProperty("batch_id").GetString() != AgreementBatch) throw new InvalidOperationException($"{name} got {task} instead of the agreement batch's task");
        using var client = Labeler(token);
        var ratings = task.GetProperty("outputs").EnumerateArray().Select(o => new { output = o.GetProperty("label").GetString(), likert = 4 }).ToArray();
        await Json.PostAsync(client, $"/v1/labeling/tasks/{task.GetProperty("id").GetInt64()}/submission", new { ratings, ranking, comment = "", seconds = 10.0 }, 201);
    }
}

[CollectionDefinition(Name)]
public sealed class LabelingBrowserCollection : ICollectionFixture<LabelingBrowserFixture>
{
    public const string Name = "labeling browser";
}
