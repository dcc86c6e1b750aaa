using System.Net;
using System.Net.Http.Headers;
using InstructGpt.Api.Tests.Fixtures;

namespace InstructGpt.Api.Tests.Jobs;

/// <summary>A host over a copy of the micro home that queues jobs but runs none (Jobs:Workers = 0).</summary>
public sealed class QueueOnlyHost : IDisposable
{
    public QueueOnlyHost()
    {
        Home = JobHomes.MicroCopy();
        // An uploaded dataset whose second record lacks its completion.
        Directory.CreateDirectory(Path.Combine(Home, "datasets"));
        File.WriteAllLines(Path.Combine(Home, "datasets", "broken.jsonl"),
            ["""{"prompt": "Say hi.", "completion": "Hi."}""", """{"prompt": "Say bye."}""", """{"prompt": "Say yes.", "completion": "Yes."}"""]);
        Api = JobHomes.Host(Home, new() { ["Jobs:Workers"] = "0" });
    }

    public string Home { get; }
    public ApiFactory Api { get; }

    public void Dispose()
    {
        Api.Dispose();
        JobHomes.Delete(Home);
    }
}

/// <summary>Every client mistake in a job request is a 400 naming the field (OpenAI's error shape), checked before anything is queued.</summary>
public sealed class JobValidationTests(QueueOnlyHost host) : IClassFixture<QueueOnlyHost>
{
    public sealed record Case(string Name, string Path, string Body, string Param, string Fragment, string? Code = null)
    {
        public override string ToString() => Name;
    }

    private const string Training = "/v1/training/jobs";
    private const string Pipelines = "/v1/pipelines";

    public static TheoryData<Case> Cases() =>
    [
        new("unknown stage", Training, """{"stage": "finetune"}""", "stage", "use one of pretrain, sft, comparisons, rm, ppo, ppo-ptx"),
        new("missing stage", Training, "{}", "stage", "Missing required parameter: 'stage'"),
        new("stage of the wrong type", Training, """{"stage": 5}""", "stage", "expected a string"),
        new("unknown preset", Training, """{"stage": "sft", "preset": "huge"}""", "preset", "use one of micro, tiny, small"),
        new("missing init checkpoint", Training, """{"stage": "sft", "init_from": "nope"}""", "init_from", "there is no checkpoint 'nope'", "model_not_found"),
        new("init checkpoint outside the checkpoints", Training, """{"stage": "sft", "init_from": "../checkpoints/sft"}""", "init_from", "not valid", "invalid_model_name"),
        new("output escaping the checkpoints", Training, """{"stage": "sft", "output": "../../etc"}""", "output", "not valid", "invalid_model_name"),
        new("hidden output name", Training, """{"stage": "sft", "output": ".sft"}""", "output", "not valid", "invalid_model_name"),
        new("dataset path traversal", Training, """{"stage": "sft", "datasets": {"train": "../../../etc/passwd"}}""", "datasets.train", "no '..'", "invalid_dataset_name"),
        new("absolute dataset path", Training, """{"stage": "sft", "datasets": {"train": "/etc/passwd"}}""", "datasets.train", "relative path", "invalid_dataset_name"),
        new("missing dataset", Training, """{"stage": "sft", "datasets": {"train": "no-such-set"}}""", "datasets.train", "there is no dataset 'no-such-set'", "dataset_not_found"),
        new("corrupt dataset", Training, """{"stage": "sft", "datasets": {"train": "broken"}}""", "datasets.train", "broken.jsonl:2", "invalid_dataset"),
        new("dataset role the stage does not read", Training, """{"stage": "sft", "datasets": {"prompts": "ppo.train"}}""", "datasets.prompts", "reads no such dataset"),
        new("missing reward model", Training, """{"stage": "ppo", "reward_model": "rm-nope"}""", "reward_model", "there is no checkpoint 'rm-nope'", "model_not_found"),
        new("comparison policy without its checkpoint", Training, """{"stage": "comparisons", "hyperparameters": {"OtherPolicies": "{\"ppo-nope\": 0.25}"}}""", "hyperparameters.OtherPolicies", "no checkpoint 'ppo-nope'"),
        new("comparison policies leaving SFT nothing", Training, """{"stage": "comparisons", "hyperparameters": {"OtherPolicies": "{\"base\": 0.8}"}}""", "hyperparameters.OtherPolicies", "leave no output to the sampling model"),
        new("comparison policy that is the sampling model", Training, """{"stage": "comparisons", "init_from": "base"}""", "hyperparameters.OtherPolicies", "this is the sampling model"),
        new("unknown hyperparameter", Training, """{"stage": "sft", "hyperparameters": {"NoSuchSetting": 1}}""", "hyperparameters.NoSuchSetting", "has no setting 'NoSuchSetting'"),
        new("hyperparameter of the wrong type", Training, """{"stage": "sft", "hyperparameters": {"Epochs": "many"}}""", "hyperparameters.Epochs", "Epochs must be an integer in [1, 1000] (got many)"),
        new("fractional epochs", Training, """{"stage": "sft", "hyperparameters": {"Epochs": 1.5}}""", "hyperparameters.Epochs", "Epochs must be an integer in [1, 1000] (got 1.5)"),
        new("a boolean for a number", Training, """{"stage": "sft", "hyperparameters": {"LearningRate": true}}""", "hyperparameters.LearningRate", "LearningRate must be in (0, 1] (got true)"),
        new("policies that are not JSON", Training, """{"stage": "comparisons", "hyperparameters": {"OtherPolicies": "{bad"}}""", "hyperparameters.OtherPolicies", "OtherPolicies must be a JSON object"),
        new("hyperparameter that is an object", Training, """{"stage": "sft", "hyperparameters": {"Epochs": {"n": 1}}}""", "hyperparameters.Epochs", "expected a number, a string or a boolean"),
        new("negative seed", Training, """{"stage": "sft", "seed": -1}""", "seed", "from 0 to"),
        // Every setting has a range (SettingsValidation): values a job would die on, or train nonsense with, are refused before 202.
        new("negative learning rate", Training, """{"stage": "sft", "hyperparameters": {"LearningRate": -1}}""", "hyperparameters.LearningRate", "LearningRate must be in (0, 1] (got -1)"),
        new("learning rate too large for a double", Training, """{"stage": "pretrain", "hyperparameters": {"LearningRate": 1e400}}""", "hyperparameters.LearningRate", "LearningRate"),
        new("zero epochs", Training, """{"stage": "sft", "hyperparameters": {"Epochs": 0}}""", "hyperparameters.Epochs", "an integer in [1, 1000]"),
        new("zero batch size", Training, """{"stage": "pretrain", "hyperparameters": {"BatchSize": 0}}""", "hyperparameters.BatchSize", "an integer in [1, 4096]"),
        new("block size beyond any context", Training, """{"stage": "pretrain", "hyperparameters": {"BlockSize": 100000}}""", "hyperparameters.BlockSize", "[2, 65536]"),
        new("negative warmup", Training, """{"stage": "pretrain", "hyperparameters": {"WarmupSteps": -5}}""", "hyperparameters.WarmupSteps", "[0, 10000000]"),
        new("negative weight decay", Training, """{"stage": "sft", "hyperparameters": {"WeightDecay": -1}}""", "hyperparameters.WeightDecay", "[0, 1]"),
        new("negative gradient clip", Training, """{"stage": "rm", "hyperparameters": {"GradientClip": -1}}""", "hyperparameters.GradientClip", "(0, 1000000]"),
        new("final learning rate above the peak", Training, """{"stage": "sft", "hyperparameters": {"FinalLearningRateFraction": 5}}""", "hyperparameters.FinalLearningRateFraction", "[0, 1]"),
        new("negative max steps", Training, """{"stage": "pretrain", "hyperparameters": {"MaxSteps": -1}}""", "hyperparameters.MaxSteps", "[1, 1000000000]"),
        new("validation never", Training, """{"stage": "sft", "hyperparameters": {"ValidateEvery": 0}}""", "hyperparameters.ValidateEvery", "[1, 1000000000]"),
        new("minibatch above the batch", Training, """{"stage": "ppo", "hyperparameters": {"MinibatchSize": 128, "BatchSize": 64}}""", "hyperparameters.MinibatchSize", "at most BatchSize (64)"),
        new("hyperparameter out of range, the whole message", Training, """{"stage": "sft", "hyperparameters": {"Epochs": 0}}""", "hyperparameters.Epochs",
            "Invalid hyperparameter 'Epochs': Epochs must be an integer in [1, 1000] (got 0)"),
        new("pipeline hyperparameter out of range, the whole message", Pipelines, """{"hyperparameters": {"sft.Epochs": 5000}}""", "hyperparameters.sft.Epochs",
            "Invalid hyperparameter 'sft.Epochs': Epochs must be an integer in [1, 1000] (got 5000)"),
        new("PPO clip of zero", Training, """{"stage": "ppo", "hyperparameters": {"ClipRange": 0}}""", "hyperparameters.ClipRange", "(0, 10]"),
        new("pipeline learning rate out of range", Pipelines, """{"hyperparameters": {"rm.LearningRate": 2}}""", "hyperparameters.rm.LearningRate", "(0, 1]"),
        new("unknown pipeline stage", Pipelines, """{"stages": ["sft", "finetune"]}""", "stages[1]", "is not a stage"),
        new("no pipeline stages", Pipelines, """{"stages": []}""", "stages", "at least one"),
        new("pipeline preset", Pipelines, """{"preset": "xxl"}""", "preset", "use one of micro, tiny, small"),
        new("pipeline hyperparameter without its stage", Pipelines, """{"hyperparameters": {"LearningRate": 0.1}}""", "hyperparameters.LearningRate", "prefix the setting with its stage"),
        new("unknown pipeline hyperparameter", Pipelines, """{"hyperparameters": {"sft.Nope": 1}}""", "hyperparameters.sft.Nope", "has no setting 'Nope'"),
        new("pipeline init checkpoint", Pipelines, """{"init_from": "gpt5"}""", "init_from", "there is no checkpoint 'gpt5'", "model_not_found"),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadRequestIs400NamingTheField(Case c)
    {
        var response = await host.Api.CreateAuthorizedClient().PostAsync(c.Path, Json.Raw(c.Body));
        var error = (await Json.ReadAsync(response)).GetProperty("error");

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{c.Name}: {(int)response.StatusCode} {error}");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(c.Param, error.GetProperty("param").GetString());
        Assert.Contains(c.Fragment, error.GetProperty("message").GetString());
        foreach (var internals in new[] { "System.", "LineNumber", "BytePositionInLine", "Path: $", "--set" })
            Assert.DoesNotContain(internals, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        if (c.Code is not null) Assert.Equal(c.Code, error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task ValidRequestIsAcceptedWithItsDefaultsFilledIn()
    {
        var (job, _) = await JobHomes.SubmitAsync(host.Api.CreateAuthorizedClient(), Training,
            new { stage = "rm", preset = "micro", datasets = new { train = "comparisons.train" }, hyperparameters = new { Epochs = 1, LearningRate = 1e-4 } });
        var request = job.GetProperty("request");
        Assert.Equal("training.job", job.GetProperty("object").GetString());
        Assert.StartsWith("trainjob-", job.GetProperty("id").GetString());
        Assert.Equal("rm", request.GetProperty("output").GetString());
        Assert.Equal(1, request.GetProperty("seed").GetInt64());
        Assert.Equal("comparisons.train", request.GetProperty("datasets").GetProperty("train").GetString());
        Assert.Equal(["Epochs=1", "LearningRate=0.0001"], request.GetProperty("hyperparameters").EnumerateArray().Select(h => h.GetString()));
    }

    [Fact]
    public async Task NothingIsQueuedByARejectedRequest()
    {
        var client = host.Api.CreateAuthorizedClient();
        var before = (await JobHomes.GetAsync(client, Training)).GetProperty("data").GetArrayLength();
        await client.PostAsync(Training, Json.Raw("""{"stage": "sft", "preset": "huge"}"""));
        Assert.Equal(before, (await JobHomes.GetAsync(client, Training)).GetProperty("data").GetArrayLength());
    }

    public static TheoryData<string, string> MutatingEndpoints() => new()
    {
        { "POST", Training },
        { "POST", Pipelines },
        { "DELETE", Training + "/trainjob-000000000000000000000000" },
        { "DELETE", Pipelines + "/pipeline-000000000000000000000000" },
    };

    [Theory]
    [MemberData(nameof(MutatingEndpoints))]
    public async Task MutatingEndpointNeedsTheKey(string method, string path)
    {
        foreach (var authorization in new AuthenticationHeaderValue?[] { null, new("Bearer", "wrong-key"), new("Bearer", ApiFactory.ApiKey + "x") })
        {
            var client = host.Api.CreateClient();
            client.DefaultRequestHeaders.Authorization = authorization;
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? Json.Raw("""{"stage": "sft"}""") : null });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("invalid_api_key", (await Json.ReadAsync(response)).GetProperty("error").GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task UnknownJobIs404AndAJobOfTheOtherKindIsNotFoundEither()
    {
        var client = host.Api.CreateAuthorizedClient();
        var (pipeline, _) = await JobHomes.SubmitAsync(client, Pipelines, new { preset = "micro", stages = new[] { "sft" } });
        var id = pipeline.GetProperty("id").GetString();

        foreach (var path in new[] { $"{Training}/trainjob-123", $"{Training}/{id}", $"{Training}/{id}/metrics", $"{Pipelines}/pipeline-{new string('a', 80)}" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("job_not_found", (await Json.ReadAsync(response)).GetProperty("error").GetProperty("code").GetString());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"{Training}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"{Pipelines}?limit=0")).StatusCode);
    }

    [Fact]
    public async Task QueuedJobIsCancelledAtOnceAndASecondCancelIs409()
    {
        var client = host.Api.CreateAuthorizedClient();
        var (first, _) = await JobHomes.SubmitAsync(client, Pipelines, new { preset = "micro", seed = 3 });
        var (second, location) = await JobHomes.SubmitAsync(client, Pipelines, new { preset = "micro", seed = 4, hyperparameters = new Dictionary<string, object> { ["sft.Epochs"] = 1 } });

        var cancelled = await Json.ReadAsync(await client.DeleteAsync(location));
        Assert.Equal("cancelled", JobHomes.Status(cancelled));
        Assert.Equal("cancelled", JobHomes.Status(await JobHomes.GetAsync(client, location)));
        var again = await client.DeleteAsync(location);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("job_not_cancellable", (await Json.ReadAsync(again)).GetProperty("error").GetProperty("code").GetString());

        // Newest first, OpenAI's list shape, the request as accepted with its defaults.
        var list = await JobHomes.GetAsync(client, $"{Pipelines}?limit=2");
        Assert.Equal("list", list.GetProperty("object").GetString());
        var ids = list.GetProperty("data").EnumerateArray().Select(j => j.GetProperty("id").GetString()).ToList();
        Assert.Equal([second.GetProperty("id").GetString(), first.GetProperty("id").GetString()], ids);
        var request = list.GetProperty("data")[0].GetProperty("request");
        Assert.Equal("micro", request.GetProperty("preset").GetString());
        Assert.Equal("sft.Epochs=1", request.GetProperty("hyperparameters")[0].GetString());
        Assert.Equal("pipeline.job", list.GetProperty("data")[0].GetProperty("object").GetString());
    }
}
