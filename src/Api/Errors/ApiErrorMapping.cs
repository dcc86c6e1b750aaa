using System.Text.Json;
using InstructGpt.Api.Completions;
using InstructGpt.Api.Datasets;
using InstructGpt.Api.Jobs;
using InstructGpt.Api.Scoring;
using InstructGpt.Api.Serving;
using InstructGpt.Inference.Serving;
using Microsoft.Extensions.Options;

namespace InstructGpt.Api.Errors;

/// <summary>
/// The one place where an exception becomes an error response. Endpoints throw (a typed exception for a client's
/// mistake, the engine's for a model that is missing, loading, busy or not the right kind) and the exception handler
/// (<see cref="ApiExceptionHandler"/>) and a stream that fails after its first byte (<see cref="Streaming.EventStreamResult"/>)
/// ask this class for the answer, so the same failure gets the same status, message, code and Retry-After wherever it
/// happens. Anything it does not know is a 500 that says nothing about our internals.
/// </summary>
public sealed class ApiErrorMapping(IOptions<ServingOptions> serving, PendingCheckpoints pending)
{
    /// <param name="path">The request's path: a body that is not JSON gets an example body for that endpoint.</param>
    public ApiError Map(Exception exception, PathString path = default) => exception switch
    {
        BadHttpRequestException { InnerException: JsonException json } => FromJson(json, path),
        JsonException json => FromJson(json, path),
        BadHttpRequestException bad when ParameterBindingErrors.Describe(bad.Message) is { } binding => binding,
        BadHttpRequestException bad => ErrorResponses.ForStatus(bad.StatusCode, bad.Message),
        InvalidRequestException invalid => ApiError.BadRequest(invalid.Message, invalid.Param, invalid.Code),
        DatasetRequestException dataset => dataset.Error,
        JobQueueFullException full => ApiError.TooManyRequests(full.Message, JobQueueFullException.RetryAfter),
        // A model that a queued or running job will publish is not missing: 503 until it exists.
        ModelNotFoundException missing when pending.Find(missing.Model) is { } training => ModelNotReady.For(missing.Model, training),
        ModelNotFoundException missing => ApiError.NotFound(missing.Message, "model", "model_not_found"),
        NotALanguageModelException rewardModel => ApiError.BadRequest(rewardModel.Message, "model", "model_not_supported"),
        NotARewardModelException languageModel => ApiError.BadRequest(languageModel.Message, "model", "model_not_supported"),
        ModelLoadException failed => ApiError.Unavailable(failed.Message, "model_load_failed"),
        SchedulerQueueFullException full => ApiError.TooManyRequests(full.Message, TimeSpan.FromSeconds(serving.Value.RetryAfterSeconds)),
        _ => new ApiError(StatusCodes.Status500InternalServerError,
            new OpenAiError("The server had an error while processing your request. The error is logged; retry, or report it if it persists.", OpenAiErrorTypes.Server, null, null)),
    };

    private static ApiError FromJson(JsonException json, PathString path)
    {
        var (message, param) = JsonErrorMessages.Describe(json, JsonErrorMessages.ExampleBody(path));
        return ApiError.BadRequest(message, param);
    }
}
