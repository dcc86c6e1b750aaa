using InstructGpt.Api.Errors;
using InstructGpt.Api.Jobs;
using InstructGpt.Api.Serving;
using InstructGpt.Inference.Generation;
using InstructGpt.Inference.Serving;

namespace InstructGpt.Api.Completions;

/// <summary>A generation queued on a model's scheduler, with the lease that keeps that model version alive until the response ends.</summary>
public sealed record StartedGeneration(ServedModel Model, GenerationStream Stream, SamplingOptions Options, int PromptCount, string Id, long Created);

/// <summary>
/// What completions and chat share between a validated request and a running generation: resolve and load the
/// model, tokenize, check the context, and queue on the model's scheduler, mapping every failure to its error.
/// </summary>
public static class GenerationStart
{
    public static async Task<StartedGeneration> StartAsync(
        ModelPool pool, ServingOptions serving, string? model, string idPrefix,
        Func<ServedModel, IReadOnlyList<IReadOnlyList<int>>> tokenize,
        Func<ServedModel, int, SamplingOptions> options,
        bool stream, HttpContext http, ILogger logger)
    {
        if (string.IsNullOrEmpty(model)) throw new InvalidRequestException("You must provide a model parameter (GET /v1/models lists them).", "model");
        if (!CheckpointCatalog.IsValidName(model, out var problem)) throw new InvalidRequestException($"Invalid value for 'model': {problem}.", "model", "invalid_model_name");

        var lease = await pool.AcquireAsync(model, http.RequestAborted);
        try
        {
            if (lease.LoadedNow) logger.LogInformation("Loaded model {Model} from {Directory}", model, lease.Model.Checkpoint.Directory);
            var served = lease.Model;
            var prompts = tokenize(served);
            var longest = prompts.Max(p => Math.Max(1, p.Count));
            var sampling = options(served, longest);
            var completions = prompts.Count * sampling.N;
            if (completions > serving.MaxCompletionsPerRequest)
                throw new InvalidRequestException($"The request asks for {completions} completions ({prompts.Count} prompt(s) × n = {sampling.N}); at most {serving.MaxCompletionsPerRequest} are allowed (Serving:MaxCompletionsPerRequest).", "n");
            var context = served.Model.Config.NPositions;
            if (longest + sampling.MaxTokens > context)
                throw new InvalidRequestException($"This model's maximum context length is {context} tokens, however you requested {longest + sampling.MaxTokens} tokens " +
                    $"({longest} in your prompt; {sampling.MaxTokens} for the completion). Please reduce your prompt or completion length.", "max_tokens", "context_length_exceeded");

            var generation = served.Scheduler.Submit(new GenerationRequest(prompts, sampling), stream, http.RequestAborted);
            http.Response.RegisterForDispose(lease);
            return new StartedGeneration(served, generation, sampling, prompts.Count, idPrefix + Guid.NewGuid().ToString("N")[..24], DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    /// <summary>The error response for a failure to start a generation, or false for an unexpected one.</summary>
    /// <param name="pending">Answers whether a job is training a model that does not exist yet (503 rather than 404).</param>
    public static bool TryMapError(Exception e, ServingOptions serving, ILogger logger, out ApiError error, PendingCheckpoints? pending = null)
    {
        switch (e)
        {
            case ModelNotFoundException missing when pending?.Find(missing.Model) is { } training:
                error = BeingTrained(missing.Model, training);
                return true;
            case InvalidRequestException invalid:
                error = invalid.ToError();
                return true;
            case ModelNotFoundException missing:
                error = ApiError.NotFound(missing.Message, "model", "model_not_found");
                return true;
            case NotALanguageModelException rewardModel:
                error = ApiError.BadRequest(rewardModel.Message, "model", "model_not_supported");
                return true;
            case ModelLoadException failed:
                logger.LogError(failed.InnerException, "Model {Model} failed to load", failed.Model);
                error = ApiError.Unavailable(failed.Message, "model_load_failed");
                return true;
            case SchedulerQueueFullException full:
                error = ApiError.TooManyRequests(full.Message, TimeSpan.FromSeconds(serving.RetryAfterSeconds));
                return true;
            case ArgumentException argument:
                error = ApiError.BadRequest(SamplingFields.CleanMessage(argument), argument.ParamName);
                return true;
            default:
                error = null!;
                return false;
        }
    }

    /// <summary>503 with Retry-After: the model does not exist yet, and which job will publish it, how far it is, and when.</summary>
    private static ApiError BeingTrained(string model, PendingCheckpoints.Pending job)
    {
        var path = job.Kind == JobKind.Pipeline ? $"/v1/pipelines/{job.JobId}" : $"/v1/training/jobs/{job.JobId}";
        var state = job.Status == JobStatus.Running ? $"running, at stage {job.Stage}, {job.Percent}% of the job done" : "queued";
        var when = job.SecondsUntilReady is { } s ? $" It should be published in about {Describe(s)}." : "";
        var message = $"The model '{model}' is not available yet: job {job.JobId} ({state}) will publish it.{when} GET {path} shows the progress.";
        // Clients that honour Retry-After poll again within a minute, however long the training has left.
        var retry = TimeSpan.FromSeconds(Math.Clamp(job.SecondsUntilReady ?? ModelNotReadyRetrySeconds, 5, ModelNotReadyRetrySeconds));
        return new ApiError(StatusCodes.Status503ServiceUnavailable, new OpenAiError(message, OpenAiErrorTypes.Server, "model", "model_not_ready"), retry);
    }

    private const double ModelNotReadyRetrySeconds = 60;

    private static string Describe(double seconds) => seconds < 90 ? $"{Math.Ceiling(seconds)} s" : $"{Math.Ceiling(seconds / 60)} min";
}
