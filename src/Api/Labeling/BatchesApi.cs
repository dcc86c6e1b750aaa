using InstructGpt.Api.Auth;
using InstructGpt.Api.Errors;
using InstructGpt.Api.Jobs;
using InstructGpt.Api.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InstructGpt.Api.Labeling;

/// <summary>/v1/labeling/batches: create a batch (202 + Location; validated first, sampled by the job queue), list, get, cancel.</summary>
public static class BatchesApi
{
    public const int DefaultListLimit = 20;
    public const int MaxListLimit = 100;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/batches", CreateAsync)
            .WithName("CreateLabelingBatch")
            .WithSummary("Sample a labeling batch in the background: prompts × checkpoints × K outputs per prompt (requires the API key)")
            .WithDescription("Output i of a prompt comes from models[i mod len(models)], sampled as an evaluation with the same prompts and sampling " +
                "samples it, so with K = len(models) the human judge of such an evaluation finds the ratings. Outputs are shuffled and shown as A, B, … " +
                "without model names. The request is validated first (400 names the field and its range); the answer is 202 with the queued batch.")
            .WithExamples(LabelingExamples.BatchRequest, LabelingExamples.QueuedBatch)
            .RequireApiKey();
        group.MapGet("/batches", ListAsync)
            .WithName("ListLabelingBatches")
            .WithSummary("List labeling batches with their progress, newest first (requires the API key)")
            .WithDescription($"?limit= (1 to {MaxListLimit}, default {DefaultListLimit}).")
            .WithExamples(null, LabelingExamples.BatchList)
            .RequireApiKey();
        group.MapGet("/batches/{id}", GetAsync)
            .WithName("GetLabelingBatch")
            .WithSummary("A labeling batch: status, sampling and labeling progress (requires the API key)")
            .WithExamples(null, LabelingExamples.ReadyBatch)
            .RequireApiKey();
        group.MapDelete("/batches/{id}", CancelAsync)
            .WithName("CancelLabelingBatch")
            .WithSummary("Cancel a batch's sampling, or close its labeling (requires the API key)")
            .WithDescription("A closed batch hands out no more tasks; what was submitted stays. 409 when the batch has already ended.")
            .WithExamples(null, LabelingExamples.CancelledBatch)
            .RequireApiKey();
        group.MapGet("/batches/{id}/tasks", TasksAsync)
            .WithName("ListLabelingTasks")
            .WithSummary("A batch's tasks with each output's model and every labeler's assignment and submission (requires the API key)")
            .WithDescription($"In task order; ?limit= (1 to {MaxListLimit}, default {DefaultListLimit}) and ?offset= page. Labelers never see this view.")
            .WithExamples(null, LabelingExamples.TaskList)
            .RequireApiKey();
        group.MapGet("/batches/{id}/agreement", AgreementAsync)
            .WithName("GetLabelingAgreement")
            .WithSummary("Inter-labeler agreement on a batch, per labeler pair, and each labeler's with the simulated labeler (requires the API key)")
            .WithDescription("As InstructGPT reports it (§5.4): over the tasks two labelers both ranked, every pair of a task's outputs is one comparison; " +
                "they agree when they prefer the same output or both tie it. rate is null where there is no pair.")
            .WithExamples(null, LabelingExamples.Agreement)
            .RequireApiKey();
    }

    public static async Task<Results<Accepted<BatchObject>, ApiError>> CreateAsync(CreateBatchRequest? request, BatchValidator validator, BatchCatalog catalog)
    {
        // Validation reads the prompts (an eval set or a dataset): off the request's thread.
        var spec = await Task.Run(() => validator.Validate(request));
        var job = await catalog.Queue.SubmitAsync(JobKind.Labeling, BatchJobRunner.Stage, JobSpecJson.Write(spec), JobQueue.NewId(JobKind.Labeling));
        return TypedResults.Accepted($"/v1/labeling/batches/{job.Id}", new BatchView(job, null, null).ToObject());
    }

    private static async Task<Results<Ok<BatchList>, ApiError>> ListAsync(BatchCatalog catalog, int? limit)
    {
        if (limit is < 1 or > MaxListLimit)
            return ApiError.BadRequest($"Invalid value for 'limit': {limit}; use an integer from 1 to {MaxListLimit}.", "limit");
        var (batches, hasMore) = await catalog.ListAsync(limit ?? DefaultListLimit);
        return TypedResults.Ok(new BatchList("list", batches.Select(b => b.ToObject()).ToArray(), hasMore));
    }

    private static async Task<Results<Ok<BatchObject>, ApiError>> GetAsync(BatchCatalog catalog, string id) =>
        await catalog.FindAsync(id) is { } batch ? TypedResults.Ok(batch.ToObject()) : NotFound(id);

    private static async Task<Results<Ok<BatchObject>, ApiError>> CancelAsync(BatchCatalog catalog, LabelingStore store, string id)
    {
        if (await catalog.FindAsync(id) is not { } batch) return NotFound(id);
        if (batch.HasEnded)
            return LabelerApi.Conflict($"Batch {id} has already ended ({batch.Status}); there is nothing to cancel.", "id", "labeling_batch_ended");
        if (batch.Job.Status == JobStatus.Succeeded) await store.CloseBatchAsync(id);
        else await catalog.Queue.CancelAsync(id);
        return await catalog.FindAsync(id) is { } updated ? TypedResults.Ok(updated.ToObject()) : NotFound(id);
    }

    private static async Task<Results<Ok<TaskList>, ApiError>> TasksAsync(BatchCatalog catalog, LabelingStore store, string id, int? limit, int? offset)
    {
        if (limit is < 1 or > MaxListLimit)
            return ApiError.BadRequest($"Invalid value for 'limit': {limit}; use an integer from 1 to {MaxListLimit}.", "limit");
        if (offset is < 0) return ApiError.BadRequest($"Invalid value for 'offset': {offset}; use an integer from 0.", "offset");
        if (await catalog.FindAsync(id) is null) return NotFound(id);
        var (tasks, total) = await store.ListTasksAsync(id, offset ?? 0, limit ?? DefaultListLimit);
        return TypedResults.Ok(new TaskList("list", tasks, total, (offset ?? 0) + tasks.Count < total));
    }

    private static async Task<Results<Ok<AgreementObject>, ApiError>> AgreementAsync(BatchCatalog catalog, LabelingStore store, string id)
    {
        if (await catalog.FindAsync(id) is null) return NotFound(id);
        var rankings = await store.RankingsAsync(id);
        // The simulated labeler reads every output: off the request's thread.
        return TypedResults.Ok(await Task.Run(() => BatchAgreement.Measure(id, rankings)));
    }

    internal static ApiError NotFound(string id) =>
        ApiError.NotFound($"There is no labeling batch '{Evaluations.EvaluationRequestValidator.Shorten(id)}'.", "id", "labeling_batch_not_found");
}
