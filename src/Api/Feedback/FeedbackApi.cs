using InstructGpt.Api.Auth;
using InstructGpt.Api.Datasets;
using InstructGpt.Api.Errors;
using InstructGpt.Api.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace InstructGpt.Api.Feedback;

/// <summary>
/// /v1/feedback: people's ratings of outputs (stored as human labels for evaluation runs) and rankings of several
/// outputs (exported as the comparisons the reward model trains on, InstructGPT §3.5).
/// </summary>
public static class FeedbackApi
{
    public static WebApplicationBuilder AddFeedback(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FeedbackStore>();
        return builder;
    }

    public static IEndpointRouteBuilder MapFeedbackApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/feedback").WithTags("Feedback");
        group.MapPost("/ratings", CreateRatingAsync)
            .WithName("CreateRating")
            .WithSummary("Rate one output: Likert 1-7 and the labeling form's flags (requires the API key)")
            .WithDescription("Stored as a human label, which evaluation runs use as the human judge for the same prompt and output text.")
            .WithExamples(FeedbackExamples.RatingRequest, FeedbackExamples.Rating)
            .RequireApiKey();
        group.MapGet("/ratings", ListRatingsAsync)
            .WithName("ListRatings")
            .WithSummary("List ratings, oldest first (?after=ID&limit=N, limit at most 1000)")
            .WithExamples(null, FeedbackExamples.RatingList);
        group.MapGet("/ratings/{id:long}", GetRatingAsync)
            .WithName("GetRating")
            .WithSummary("One rating")
            .WithExamples(null, FeedbackExamples.Rating);
        group.MapPost("/comparisons", CreateComparisonAsync)
            .WithName("CreateComparison")
            .WithSummary("Rank 2 to 9 outputs of one prompt, best first, ties allowed (requires the API key)")
            .WithDescription("ranking lists indices into outputs, best first. For ties add ranks, the rank of each ranking entry " +
                "(1 = best, non-decreasing; equal ranks are tied), as the comparisons dataset format writes them.")
            .WithExamples(FeedbackExamples.ComparisonRequest, FeedbackExamples.Comparison)
            .RequireApiKey();
        group.MapGet("/comparisons", ListComparisonsAsync)
            .WithName("ListComparisons")
            .WithSummary("List comparisons, oldest first (?after=ID&limit=N, limit at most 1000)")
            .WithExamples(null, FeedbackExamples.ComparisonList);
        group.MapGet("/comparisons/{id:long}", GetComparisonAsync)
            .WithName("GetComparison")
            .WithSummary("One comparison")
            .WithExamples(null, FeedbackExamples.Comparison);
        group.MapGet("/comparisons/export", ExportComparisonsAsync)
            .WithName("ExportComparisons")
            .WithSummary("Every comparison (or one labeling batch's, ?batch_id=) as JSONL in the comparisons dataset format, ready for reward-model training")
            .WithDescription("One {\"id\", \"prompt\", \"completions\": [best, ..., worst], \"ranks\"?} record a line (docs/datasets.md); " +
                "upload it with POST /v1/datasets?kind=comparisons or train on it directly. ?batch_id=lb-… keeps the rankings entered on that labeling batch.")
            .Produces<string>(StatusCodes.Status200OK, DatasetCatalog.ContentType)
            .WithExamples(null, FeedbackExamples.Export);
        return app;
    }

    public static async Task<Results<Created<FeedbackRating>, ApiError>> CreateRatingAsync(RatingRequest request, FeedbackStore store)
    {
        var rating = await store.AddRatingAsync(request.Validate());
        return TypedResults.Created($"/v1/feedback/ratings/{rating.Id}", rating);
    }

    /// <param name="after">Only items with a larger id: the last_id of the previous page (default 0).</param>
    /// <param name="limit">Items per page, 1 to 1000 (default 100).</param>
    public static async Task<Results<Ok<FeedbackPage<FeedbackRating>>, ApiError>> ListRatingsAsync(string? after, string? limit, FeedbackStore store, HttpContext http)
    {
        var page = PageQuery.Parse(after, limit);
        return TypedResults.Ok(await store.ListRatingsAsync(page.After, page.Limit, http.RequestAborted));
    }

    public static async Task<Results<Ok<FeedbackRating>, ApiError>> GetRatingAsync(long id, FeedbackStore store, HttpContext http) =>
        await store.GetRatingAsync(id, http.RequestAborted) is { } rating
            ? TypedResults.Ok(rating)
            : ApiError.NotFound($"There is no rating {id}.", "id", "rating_not_found");

    public static async Task<Results<Created<FeedbackComparison>, ApiError>> CreateComparisonAsync(ComparisonRequest request, FeedbackStore store)
    {
        var comparison = await store.AddComparisonAsync(request.Validate());
        return TypedResults.Created($"/v1/feedback/comparisons/{comparison.Id}", comparison);
    }

    /// <param name="after">Only items with a larger id: the last_id of the previous page (default 0).</param>
    /// <param name="limit">Items per page, 1 to 1000 (default 100).</param>
    public static async Task<Results<Ok<FeedbackPage<FeedbackComparison>>, ApiError>> ListComparisonsAsync(string? after, string? limit, FeedbackStore store, HttpContext http)
    {
        var page = PageQuery.Parse(after, limit);
        return TypedResults.Ok(await store.ListComparisonsAsync(page.After, page.Limit, http.RequestAborted));
    }

    public static async Task<Results<Ok<FeedbackComparison>, ApiError>> GetComparisonAsync(long id, FeedbackStore store, HttpContext http) =>
        await store.GetComparisonAsync(id, http.RequestAborted) is { } comparison
            ? TypedResults.Ok(comparison)
            : ApiError.NotFound($"There is no comparison {id}.", "id", "comparison_not_found");

    /// <param name="batchId">Only the rankings entered on this labeling batch (lb-…).</param>
    public static async Task<FileStreamHttpResult> ExportComparisonsAsync(FeedbackStore store, HttpContext http, [FromQuery(Name = "batch_id")] string? batchId)
    {
        // Written to a temporary file first, so that every line has passed the dataset writer's own read-back check; then streamed and deleted.
        var path = Path.Combine(Path.GetTempPath(), $"instructgpt-comparisons-{Guid.NewGuid():N}.jsonl");
        try
        {
            await store.ExportComparisonsAsync(path, batchId, http.RequestAborted);
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            return TypedResults.Stream(stream, DatasetCatalog.ContentType, "comparisons.jsonl");
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }
}
