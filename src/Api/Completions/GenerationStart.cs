using InstructGpt.Api.Errors;
using InstructGpt.Api.Jobs;
using InstructGpt.Api.Serving;
using InstructGpt.Inference.Generation;
using InstructGpt.Inference.Serving;

namespace InstructGpt.Api.Completions;

/// <summary>
/// What completions and chat share between a validated request and a running generation: resolve and load the
/// model, tokenize, and queue on the model's scheduler, whose checks (token ids, the context) are the only ones.
/// Failures are thrown; ApiErrorMapping answers them.
/// </summary>
public static class GenerationStart
{
    public static async Task<StartedGeneration> StartAsync(
        ModelPool pool, ServingOptions serving, string? model, string idPrefix,
        Func<ServedModel, IReadOnlyList<IReadOnlyList<int>>> tokenize,
        Func<ServedModel, int, SamplingOptions> options,
        bool stream, HttpContext http, ILogger logger, Func<TokenIdOutOfRangeException, string>? tokenIdField = null, string? contextField = null)
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
            var generation = served.Scheduler.Submit(new GenerationRequest(prompts, sampling), stream, http.RequestAborted);
            http.Response.RegisterForDispose(lease);
            return new StartedGeneration(served, generation, sampling, prompts.Count, idPrefix + Guid.NewGuid().ToString("N")[..24], DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        }
        catch (ArgumentException e)
        {
            // The scheduler validates what reaches it (token ids, sampling ranges, the context); its refusals name the field.
            lease.Dispose();
            throw e switch
            {
                // OpenAI names the field that made the request too long: the prompt side (chat's "messages") where the caller says so.
                ContextLengthExceededException => new InvalidRequestException(SamplingFields.CleanMessage(e), contextField ?? e.ParamName, "context_length_exceeded"),
                TokenIdOutOfRangeException outside when tokenIdField?.Invoke(outside) is { } field =>
                    new InvalidRequestException($"Invalid value for '{field}': {SamplingFields.CleanMessage(e)}", field),
                _ => new InvalidRequestException(SamplingFields.CleanMessage(e), e.ParamName),
            };
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }
}
