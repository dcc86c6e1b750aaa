using System.Text.Json;
using InstructGpt.Api.Datasets;
using InstructGpt.Api.Errors;
using InstructGpt.Api.Jobs;
using InstructGpt.Api.Scoring;
using InstructGpt.Api.Tests.Fixtures;
using InstructGpt.Inference.Serving;

namespace InstructGpt.Api.Tests.Errors;

/// <summary>Every exception an endpoint or a stream can end with is answered by one mapping, with the configured Retry-After.</summary>
public sealed class ApiErrorMappingTests : IDisposable
{
    private readonly ApiFactory api = new(new() { ["Serving:RetryAfterSeconds"] = "7" });

    public void Dispose() => api.Dispose();

    private ApiError Map(Exception e) => api.Service<ApiErrorMapping>().Map(e);

    [Fact]
    public void AFullSchedulerQueueIs429WithTheConfiguredRetryAfter()
    {
        var error = Map(new SchedulerQueueFullException("sft", 4));
        Assert.Equal(429, error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.Equal("rate_limit_error", error.Value.Error.Type);
    }

    [Fact]
    public void AFullJobQueueIs429WithTheJobQueuesRetryAfter()
    {
        var error = Map(new JobQueueFullException("too many jobs"));
        Assert.Equal(429, error.StatusCode);
        Assert.Equal(JobQueueFullException.RetryAfter, error.RetryAfter);
    }

    [Fact]
    public void ClientMistakesAre400NamingTheField()
    {
        var invalid = Map(new InvalidRequestException("Invalid value for 'n': must be 1 to 8.", "n", "some_code"));
        Assert.Equal((400, "n", "some_code"), (invalid.StatusCode, invalid.Value.Error.Param, invalid.Value.Error.Code));
        var json = Map(new JsonException("bad", "$.temperature", 0, 14));
        Assert.Equal(400, json.StatusCode);
        var dataset = new ApiError(409, new OpenAiError("exists", OpenAiErrorTypes.InvalidRequest, "name", "dataset_exists"));
        Assert.Same(dataset, Map(new DatasetRequestException(dataset)));
    }

    [Fact]
    public void ModelFailuresMapTo404400And503()
    {
        Assert.Equal((404, "model_not_found"), Code(Map(new ModelNotFoundException("nope"))));
        Assert.Equal((400, "model_not_supported"), Code(Map(new NotALanguageModelException("rm"))));
        Assert.Equal((400, "model_not_supported"), Code(Map(new NotARewardModelException("sft"))));
        Assert.Equal((503, "model_load_failed"), Code(Map(new ModelLoadException("sft", new IOException("disk")))));
    }

    [Fact]
    public void AnythingElseIsA500ThatNamesNothingInternal()
    {
        var error = Map(new InvalidOperationException("/secret/path/model.safetensors exploded"));
        Assert.Equal(500, error.StatusCode);
        Assert.DoesNotContain("secret", error.Value.Error.Message);
        // An ArgumentException from our own code is a bug, not a client's mistake.
        Assert.Equal(500, Map(new ArgumentException("bad", "x")).StatusCode);
    }

    private static (int, string?) Code(ApiError error) => (error.StatusCode, error.Value.Error.Code);
}
