using InstructGpt.Api.Auth;
using InstructGpt.Api.Errors;
using InstructGpt.Api.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace InstructGpt.Api.Labeling;

/// <summary>
/// /v1/labeling: labelers and their tokens (API key), and what a labeler does with a token: get the next task, submit it or skip
/// it. The batches are in <see cref="BatchesApi"/>.
/// </summary>
public static class LabelerApi
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/labelers", CreateLabelerAsync)
            .WithName("CreateLabeler")
            .WithSummary("Issue a labeler token (requires the API key)")
            .WithDescription("The token (igpt-lbl-…) is in this answer only; it can call the labeler endpoints and nothing else. 409 when the name is taken.")
            .WithExamples(LabelingExamples.LabelerRequest, LabelingExamples.LabelerWithToken)
            .RequireApiKey();
        group.MapGet("/labelers", ListLabelersAsync)
            .WithName("ListLabelers")
            .WithSummary("List labelers, without their tokens (requires the API key)")
            .WithExamples(null, LabelingExamples.LabelerList)
            .RequireApiKey();
        group.MapDelete("/labelers/{id}", RevokeLabelerAsync)
            .WithName("RevokeLabeler")
            .WithSummary("Revoke a labeler's token (requires the API key)")
            .WithDescription("The token is refused from then on (401 labeler_token_revoked); what the labeler submitted stays. Revoking twice answers the same.")
            .WithExamples(null, LabelingExamples.RevokedLabeler)
            .RequireApiKey();
        group.MapGet("/me", MeAsync)
            .WithName("GetLabelingIdentity")
            .WithSummary("Who the credential is: a labeler with their counts, or {\"object\": \"admin\"} for the API key")
            .WithExamples(null, LabelingExamples.Me)
            .RequireLabeler(alsoApiKey: true);
        group.MapGet("/tasks/next", NextAsync)
            .WithName("NextLabelingTask")
            .WithSummary("The labeler's current task, or the next one (labeler token)")
            .WithDescription("Answers the unfinished task again (a refresh or a restart loses nothing), else assigns a task of the oldest open batch " +
                "that this labeler never had and that fewer than the batch's overlap labelers hold or submitted. task is null when nothing is left.")
            .WithExamples(null, LabelingExamples.Assignment)
            .RequireLabeler();
        group.MapPost("/tasks/{id:long}/submission", SubmitAsync)
            .WithName("SubmitLabelingTask")
            .WithSummary("Submit the ratings, flags and ranking of the task you hold (labeler token)")
            .WithDescription("One transaction stores a human label and a feedback rating per output and the ranking as a feedback comparison. " +
                "An incomplete submission stores nothing: 400 listing what is missing. 409 task_not_assigned when you do not hold the task.")
            .WithExamples(LabelingExamples.SubmissionRequest, LabelingExamples.Submission)
            .RequireLabeler();
        group.MapPost("/tasks/{id:long}/skip", SkipAsync)
            .WithName("SkipLabelingTask")
            .WithSummary("Skip the task you hold; you never get it again and its slot is free for another labeler (labeler token)")
            .WithExamples(LabelingExamples.SkipRequest, LabelingExamples.Skip)
            .RequireLabeler();
    }

    public static async Task<Results<Created<LabelerObject>, ApiError>> CreateLabelerAsync(CreateLabelerRequest request, LabelerTokens tokens)
    {
        var name = request.Validate();
        if (await tokens.CreateAsync(name) is not var (labeler, token))
            return Conflict($"There is already a labeler named '{name}'; choose another name.", "name", "labeler_name_taken");
        return TypedResults.Created($"/v1/labeling/labelers/{labeler.Id}", labeler.ToObject(token));
    }

    public static async Task<Ok<LabelerList>> ListLabelersAsync(LabelingStore store) =>
        TypedResults.Ok(new LabelerList("list", (await store.ListLabelersAsync()).Select(l => l.ToObject()).ToArray()));

    public static async Task<Results<Ok<LabelerObject>, ApiError>> RevokeLabelerAsync(string id, LabelerTokens tokens) =>
        await tokens.RevokeAsync(id) is { } revoked
            ? TypedResults.Ok(revoked.ToObject())
            : ApiError.NotFound($"There is no labeler '{EvaluationsShorten(id)}'.", "id", "labeler_not_found");

    public static async Task<Ok<LabelerMe>> MeAsync(HttpContext http, LabelingStore store)
    {
        if (LabelerIdentity.From(http.User) is not { } labeler) return TypedResults.Ok(LabelerMe.Admin);
        var (submitted, skipped) = await store.CountsAsync(labeler.Id);
        return TypedResults.Ok(new LabelerMe(LabelerObject.ObjectName, labeler.Id, labeler.Name, submitted, skipped));
    }

    public static async Task<Ok<AssignmentObject>> NextAsync(HttpContext http, LabelingStore store, IOptions<LabelingOptions> options) =>
        TypedResults.Ok(AssignmentObject.From(await store.NextAsync(Labeler(http).Id, options.Value.Lease)));

    public static async Task<Results<Created<SubmissionResult>, ApiError>> SubmitAsync(long id, SubmissionRequest request, HttpContext http, LabelingStore store)
    {
        if (await store.GetTaskAsync(id) is not { } task) return TaskNotFound(id);
        var submission = request.Validate(task.Labels);
        // Not cancellable once validated: the ratings, the ranking and the assignment are written together or not at all.
        return await store.SubmitAsync(Labeler(http), task, submission) is { } result
            ? TypedResults.Created($"/v1/feedback/comparisons/{result.ComparisonId}", result)
            : NotAssigned(id);
    }

    public static async Task<Results<Ok<SkipResult>, ApiError>> SkipAsync(long id, SkipRequest? request, HttpContext http, LabelingStore store)
    {
        var reason = request?.ValidReason();
        if (await store.GetTaskAsync(id) is null) return TaskNotFound(id);
        return await store.SkipAsync(Labeler(http).Id, id, reason) ? TypedResults.Ok(new SkipResult(SkipResult.ObjectName, id)) : NotAssigned(id);
    }

    private static LabelerIdentity Labeler(HttpContext http) =>
        LabelerIdentity.From(http.User) ?? throw new InvalidOperationException("The labeler policy admits labeler principals only.");

    private static ApiError TaskNotFound(long id) => ApiError.NotFound($"There is no labeling task {id}.", "id", "labeling_task_not_found");

    private static ApiError NotAssigned(long id) => Conflict(
        $"Task {id} is not your open assignment (already submitted, skipped, expired or never assigned to you); GET /v1/labeling/tasks/next gives your current task.",
        "id", "task_not_assigned");

    internal static ApiError Conflict(string message, string param, string code) =>
        new(StatusCodes.Status409Conflict, new OpenAiError(message, OpenAiErrorTypes.InvalidRequest, param, code));

    private static string EvaluationsShorten(string s) => Evaluations.EvaluationRequestValidator.Shorten(s);
}
