using InstructGpt.Api.Auth;
using InstructGpt.Api.Completions;
using InstructGpt.Api.Errors;
using InstructGpt.Api.OpenApi;
using InstructGpt.Inference.Serving;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace InstructGpt.Api.Scoring;

/// <summary>
/// POST /v1/score: a reward model scores completions of one prompt. Reward models are served here and only here,
/// as vLLM serves reward models through its pooling and score endpoints rather than as text generators.
/// </summary>
public static class ScoringApi
{
    public static IEndpointRouteBuilder MapScoringApi(this IEndpointRouteBuilder app)
    {
        var auth = app.ServiceProvider.GetRequiredService<IOptions<AuthOptions>>().Value;
        app.MapPost("/v1/score", ScoreAsync)
            .WithTags("Scoring")
            .WithName("CreateScore")
            .WithSummary("Score completions with a reward model")
            .WithDescription("One reward per completion of the prompt, read at the completion's end-of-text token as the reward model was trained " +
                "(InstructGPT §3.5). Only differences between the scores of one prompt's completions mean anything. The model must be of kind " +
                $"\"reward_model\" in GET /v1/models; 1 to {ScoreRequest.MaxCompletions} completions per request; unknown fields are refused.")
            .WithExamples(ApiExamples.ScoreRequest, ApiExamples.ScoreResponse)
            .RequireApiKey(auth.RequireKeyForCompletions);
        return app;
    }

    public static async Task<Results<Ok<ScoreResponse>, ApiError>> ScoreAsync(ScoreRequest request, RewardModelCache models, HttpContext http)
    {
        var (model, prompt, completions) = Validate(request);
        var (scores, tokens) = await models.ScoreAsync(model, prompt, completions, http.RequestAborted);
        return TypedResults.Ok(new ScoreResponse("score-" + Guid.NewGuid().ToString("N")[..24], "list", DateTimeOffset.UtcNow.ToUnixTimeSeconds(), model,
            scores.Select((s, i) => new ScoreData("score", i, s)).ToList(), new Usage(tokens, 0, tokens)));
    }

    /// <summary>Checks every field once and returns them typed.</summary>
    private static (string Model, string Prompt, IReadOnlyList<string> Completions) Validate(ScoreRequest request)
    {
        if (string.IsNullOrEmpty(request.Model)) throw new InvalidRequestException("You must provide a model parameter: a reward model (GET /v1/models, kind \"reward_model\").", "model");
        if (!CheckpointCatalog.IsValidName(request.Model, out var problem)) throw new InvalidRequestException($"Invalid value for 'model': {problem}.", "model", "invalid_model_name");
        if (request.Prompt is null) throw new InvalidRequestException("Missing required parameter: 'prompt' (the prompt the completions answer).", "prompt");
        if (request.Completions is null) throw new InvalidRequestException("Missing required parameter: 'completions' (an array of 1 to " + ScoreRequest.MaxCompletions + " strings).", "completions");
        if (request.Completions.Count is 0 or > ScoreRequest.MaxCompletions)
            throw new InvalidRequestException($"Invalid value for 'completions': give 1 to {ScoreRequest.MaxCompletions} strings (got {request.Completions.Count}).", "completions");
        for (var i = 0; i < request.Completions.Count; i++)
            if (request.Completions[i] is null) throw new InvalidRequestException($"Invalid type for 'completions[{i}]': expected a string, but got null.", $"completions[{i}]");
        return (request.Model, request.Prompt, request.Completions);
    }
}
