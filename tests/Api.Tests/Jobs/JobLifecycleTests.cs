using System.Net;
using InstructGpt.Api.Tests.Fixtures;
using InstructGpt.Training.Runs;

namespace InstructGpt.Api.Tests.Jobs;

/// <summary>Jobs that really train (micro preset, a copy of the shared micro home): progress, series, publishing, cancel, restart.</summary>
public sealed class JobLifecycleTests : IDisposable
{
    private const string Training = "/v1/training/jobs";
    private readonly List<string> homes = [];

    public void Dispose()
    {
        foreach (var home in homes) JobHomes.Delete(home);
    }

    private string MicroWithout(params string[] checkpoints)
    {
        var home = JobHomes.MicroCopy(checkpoints);
        homes.Add(home);
        return home;
    }

    /// <summary>SFT from the micro base into a new checkpoint: 6 steps an epoch.</summary>
    private static object Sft(int epochs, string output = "sft-job") =>
        new { stage = "sft", preset = "micro", output, hyperparameters = new Dictionary<string, object> { ["Epochs"] = epochs } };

    [Fact]
    public async Task AModelAJobWillPublishIs503WithRetryAfterNamingTheJobUntilItExists()
    {
        var home = MicroWithout();
        using var api = JobHomes.Host(home);
        var client = api.CreateAuthorizedClient();
        // Jobs run one at a time: while the first trains, the second (which publishes "sft-later") waits in the queue.
        var (_, firstLocation) = await JobHomes.SubmitAsync(client, Training, Sft(epochs: 8, output: "sft-first"));
        var (second, location) = await JobHomes.SubmitAsync(client, Training, Sft(epochs: 1, output: "sft-later"));

        var response = await client.PostAsync("/v1/completions", Json.Body(new { model = "sft-later", prompt = "Hi", max_tokens = 2 }));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        Assert.InRange(response.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 5, 60);
        var error = (await Json.ReadAsync(response)).GetProperty("error");
        Assert.Equal("model_not_ready", error.GetProperty("code").GetString());
        Assert.Equal("model", error.GetProperty("param").GetString());
        Assert.Contains(second.GetProperty("id").GetString()!, error.GetProperty("message").GetString());
        // A model no job publishes is still 404.
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/v1/completions", Json.Body(new { model = "never", prompt = "Hi" }))).StatusCode);

        var done = await JobHomes.WaitAsync(client, location, JobHomes.Ended);
        Assert.Equal("succeeded", JobHomes.Status(done));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/v1/completions", Json.Body(new { model = "sft-later", prompt = "Hi", max_tokens = 2 }))).StatusCode);
        Assert.Equal("succeeded", JobHomes.Status(await JobHomes.WaitAsync(client, firstLocation, JobHomes.Ended)));
    }

    [Fact]
    public async Task AJobStartingFromACheckpointAQueuedJobWillPublishWaitsForIt()
    {
        var home = MicroWithout();
        using var api = JobHomes.Host(home);
        var client = api.CreateAuthorizedClient();
        // Without a job that publishes it, a missing init checkpoint is refused.
        var refused = await client.PostAsync(Training, Json.Body(new { stage = "sft", preset = "micro", init_from = "sft-first", output = "sft-second" }));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var (_, firstLocation) = await JobHomes.SubmitAsync(client, Training, Sft(epochs: 2, output: "sft-first"));
        var (_, secondLocation) = await JobHomes.SubmitAsync(client, Training,
            new { stage = "sft", preset = "micro", init_from = "sft-first", output = "sft-second", hyperparameters = new Dictionary<string, object> { ["Epochs"] = 1 } });

        Assert.Equal("succeeded", JobHomes.Status(await JobHomes.WaitAsync(client, firstLocation, JobHomes.Ended)));
        var second = await JobHomes.WaitAsync(client, secondLocation, JobHomes.Ended);
        Assert.Equal("succeeded", JobHomes.Status(second));
        Assert.Equal(["sft-second"], second.GetProperty("output_checkpoints").EnumerateArray().Select(o => o.GetString()));
    }

    [Fact]
    public async Task TrainingJobReportsProgressWhileRunningThenPublishesItsCheckpoint()
    {
        var home = MicroWithout();
        using var api = JobHomes.Host(home);
        var client = api.CreateAuthorizedClient();
        Assert.DoesNotContain("sft-job", await client.GetStringAsync("/v1/models"));

        var (_, location) = await JobHomes.SubmitAsync(client, Training, Sft(epochs: 8));
        var running = await JobHomes.WaitAsync(client, location, j => JobHomes.Ended(j) || (JobHomes.Status(j) == "running" && JobHomes.Step(j) > 0));
        Assert.Equal("running", JobHomes.Status(running));
        Assert.Equal("sft", running.GetProperty("stage").GetString());
        var stage = running.GetProperty("progress").GetProperty("stage");
        Assert.Equal("sft", stage.GetProperty("name").GetString());
        Assert.Equal(48, stage.GetProperty("total_steps").GetInt64());
        Assert.InRange(stage.GetProperty("fraction").GetDouble(), 1 / 48.0 - 1e-6, 1);
        Assert.True(running.GetProperty("metrics").GetProperty("loss").GetDouble() > 0);
        Assert.True(stage.GetProperty("eta_seconds").GetDouble() >= 0);
        // A training job is its one stage: the job's scope says the same.
        Assert.Equal(stage.GetProperty("eta_seconds").GetDouble(), running.GetProperty("progress").GetProperty("job").GetProperty("eta_seconds").GetDouble());

        var done = await JobHomes.WaitAsync(client, location, JobHomes.Ended);
        Assert.Equal("succeeded", JobHomes.Status(done));
        Assert.Equal(["sft-job"], done.GetProperty("output_checkpoints").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(1.0, done.GetProperty("progress").GetProperty("job").GetProperty("fraction").GetDouble());
        Assert.Equal(100.0, done.GetProperty("progress").GetProperty("job").GetProperty("percent").GetDouble());
        Assert.Equal(100.0, done.GetProperty("progress").GetProperty("stage").GetProperty("percent").GetDouble());
        Assert.Equal(JsonValueKindNull, done.GetProperty("progress").GetProperty("job").GetProperty("eta_seconds").ValueKind);
        Assert.Equal(JsonValueKindNull, done.GetProperty("progress").GetProperty("stage").GetProperty("eta_seconds").ValueKind);
        Assert.True(done.GetProperty("finished_at").GetInt64() >= done.GetProperty("started_at").GetInt64());

        // The series: every step of a short job, in order, with its loss.
        var series = (await JobHomes.GetAsync(client, location + "/metrics")).GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, 48).Select(s => (long)s), series.Select(p => p.GetProperty("step").GetInt64()));
        Assert.All(series, p => Assert.True(p.GetProperty("loss").GetDouble() > 0));

        // Servable at once, with its lineage; and the gauges on /metrics.
        var model = await JobHomes.GetAsync(client, "/v1/models/sft-job");
        Assert.Equal("sft", model.GetProperty("stage").GetString());
        Assert.EndsWith("base", model.GetProperty("parent").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/v1/completions", Json.Body(new { model = "sft-job", prompt = "Name a colour.\n", max_tokens = 4 }))).StatusCode);
        var id = done.GetProperty("id").GetString();
        var metrics = await client.GetStringAsync("/metrics");
        Assert.Contains($"instructgpt_training_job_progress{{job=\"{id}\",kind=\"training\",stage=\"sft\"}} 1", metrics);
        Assert.Contains($"instructgpt_training_job_step{{job=\"{id}\",kind=\"training\",stage=\"sft\"}} 48", metrics);
        Assert.Contains("instructgpt_training_jobs_queued 0", metrics);
    }

    private static readonly System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task CancellingARunningJobStopsItAtAStepBoundaryAndKeepsItsResumableState()
    {
        var home = MicroWithout();
        using var api = JobHomes.Host(home);
        var client = api.CreateAuthorizedClient();
        var (_, location) = await JobHomes.SubmitAsync(client, Training, Sft(epochs: 16));
        await JobHomes.WaitAsync(client, location, j => JobHomes.Ended(j) || JobHomes.Step(j) >= 2);

        var response = await client.DeleteAsync(location);
        var answer = await Json.ReadAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(answer.GetProperty("cancel_requested").GetBoolean());

        var cancelled = await JobHomes.WaitAsync(client, location, JobHomes.Ended);
        Assert.Equal("cancelled", JobHomes.Status(cancelled));
        Assert.Contains("resumable state is kept", cancelled.GetProperty("error").GetString());
        Assert.True(JobHomes.Step(cancelled) < 96);
        Assert.False(Directory.Exists(Path.Combine(home, "checkpoints", "sft-job")));
        Assert.NotNull(TrainingState.TryLoad(Path.Combine(home, "runs", "sft-job")));
    }

    [Fact]
    public async Task JobRunningWhenTheServerStopsResumesFromItsSavedStateOnTheNextStart()
    {
        var home = MicroWithout();
        string location;
        using (var first = JobHomes.Host(home))
        {
            var client = first.CreateAuthorizedClient();
            (_, location) = await JobHomes.SubmitAsync(client, Training, Sft(epochs: 16));
            var running = await JobHomes.WaitAsync(client, location, j => JobHomes.Ended(j) || JobHomes.Step(j) >= 3);
            Assert.Equal("running", JobHomes.Status(running));
        } // the host stops: the stage saves its state at the next step boundary

        using var second = JobHomes.Host(home);
        var again = second.CreateAuthorizedClient();
        var done = await JobHomes.WaitAsync(again, location, JobHomes.Ended);
        Assert.Equal("succeeded", JobHomes.Status(done));
        Assert.Equal(2, done.GetProperty("attempts").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, done.GetProperty("error").ValueKind);
        var steps = (await JobHomes.GetAsync(again, location + "/metrics")).GetProperty("data").EnumerateArray().Select(p => p.GetProperty("step").GetInt64()).ToList();
        Assert.Single(steps, s => s == 1); // resumed, not started over
        Assert.Equal(96, steps.Max());
        Assert.Equal("sft-job", (await JobHomes.GetAsync(again, "/v1/models/sft-job")).GetProperty("id").GetString());
    }

    [Fact]
    public async Task JobRunningWhenTheServerStopsIsInterruptedWhenResumingIsOff()
    {
        var home = MicroWithout();
        string location;
        using (var first = JobHomes.Host(home))
        {
            var client = first.CreateAuthorizedClient();
            (_, location) = await JobHomes.SubmitAsync(client, Training, Sft(epochs: 16));
            await JobHomes.WaitAsync(client, location, j => JobHomes.Ended(j) || JobHomes.Step(j) >= 2);
        }

        using var second = JobHomes.Host(home, new() { ["Jobs:ResumeOnRestart"] = "false" });
        var job = await JobHomes.GetAsync(second.CreateAuthorizedClient(), location);
        Assert.Equal("interrupted", JobHomes.Status(job));
        Assert.Contains("Jobs:ResumeOnRestart is false", job.GetProperty("error").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Number, job.GetProperty("finished_at").ValueKind);
    }

    [Fact]
    public async Task JobThatReplacesALoadedCheckpointHotSwapsItIntoServing()
    {
        var home = MicroWithout();
        using var api = JobHomes.Host(home);
        var client = api.CreateAuthorizedClient();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/v1/models/sft/load", null)).StatusCode);
        var pool = api.Service<InstructGpt.Inference.Serving.ModelPool>();
        var before = Assert.Single(pool.Loaded, m => m.Name == "sft").Version;

        var (_, location) = await JobHomes.SubmitAsync(client, Training, Sft(epochs: 1, output: "sft"));
        Assert.Equal("succeeded", JobHomes.Status(await JobHomes.WaitAsync(client, location, JobHomes.Ended)));
        var published = InstructGpt.Inference.Serving.CheckpointVersion.Read(Path.Combine(home, "checkpoints", "sft"));
        Assert.NotEqual(before, published);
        // The publisher reloads it in the background, without waiting for a request.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (pool.Loaded.Single(m => m.Name == "sft").Version != published && DateTime.UtcNow < deadline) await Task.Delay(25);
        Assert.Equal(published, pool.Loaded.Single(m => m.Name == "sft").Version);
    }

    [Fact]
    public async Task PipelineJobShowsItsStageAndPublishesTheStageCheckpoint()
    {
        var home = MicroWithout("ppo-ptx");
        using var api = JobHomes.Host(home);
        var client = api.CreateAuthorizedClient();
        var (_, location) = await JobHomes.SubmitAsync(client, "/v1/pipelines",
            new { preset = "micro", stages = new[] { "ppo-ptx" }, hyperparameters = new Dictionary<string, object> { ["ppo-ptx.Episodes"] = 64 } });

        var done = await JobHomes.WaitAsync(client, location, JobHomes.Ended);
        Assert.Equal("succeeded", JobHomes.Status(done));
        Assert.Equal("ppo-ptx", done.GetProperty("stage").GetString());
        Assert.Equal(["ppo-ptx"], done.GetProperty("output_checkpoints").EnumerateArray().Select(o => o.GetString()));
        var series = (await JobHomes.GetAsync(client, location + "/metrics")).GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(2, series.Count); // 64 episodes / batch 32
        Assert.All(series, p => Assert.Equal("ppo-ptx", p.GetProperty("stage").GetString()));
        Assert.Equal("ppo-ptx", (await JobHomes.GetAsync(client, "/v1/models/ppo-ptx")).GetProperty("stage").GetString());
    }

    [Fact]
    public async Task FirstRunOnAnEmptyHomeQueuesExactlyOnePipelineJob()
    {
        var home = JobHomes.Empty();
        homes.Add(home);
        var settings = new Dictionary<string, string?>
        {
            ["Serving:StartPipelineWhenEmpty"] = "true",
            ["Serving:DefaultPipelinePreset"] = "micro",
            ["Jobs:Workers"] = "0",
        };
        for (var start = 0; start < 2; start++)
        {
            using var api = JobHomes.Host(home, settings);
            var client = api.CreateAuthorizedClient();
            var list = await JobHomes.WaitAsync(client, "/v1/pipelines", l => l.GetProperty("data").GetArrayLength() > 0, seconds: 30);
            await Task.Delay(300); // a second launch, if there were one, would show by now
            list = await JobHomes.GetAsync(client, "/v1/pipelines");
            var job = Assert.Single(list.GetProperty("data").EnumerateArray());
            Assert.Equal("queued", JobHomes.Status(job));
            Assert.Equal("micro", job.GetProperty("request").GetProperty("preset").GetString());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/ready")).StatusCode);
        }
    }
}
