using InstructGpt.Api.Auth;
using InstructGpt.Api.Errors;
using InstructGpt.Api.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InstructGpt.Api.Jobs;

/// <summary>
/// /v1/training/jobs (one stage) and /v1/pipelines (the recipe): submit (202 + Location), list, get, the progress
/// series, cancel. Requests are validated before they are queued; the work runs in <see cref="JobWorker"/>.
/// </summary>
public static class JobsApi
{
    public const int DefaultListLimit = 20;
    public const int MaxListLimit = 100;

    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        var training = app.MapGroup("/v1/training/jobs").WithTags("Training");
        training.MapPost("", CreateTrainingJobAsync)
            .WithName("CreateTrainingJob")
            .WithSummary("Train one stage in the background (requires the API key)")
            .WithDescription("pretrain, sft, comparisons, rm, ppo or ppo-ptx with a preset's settings and your overrides. Answers 202 with the queued job " +
                "and its Location; the request is validated first (400 names the field: unknown stage or preset, missing checkpoint, a dataset's bad line, " +
                "a hyperparameter that is not a setting). The published checkpoint appears in GET /v1/models and replaces a served one of the same name.")
            .WithExamples(JobExamples.TrainingJobRequest, JobExamples.TrainingJob)
            .RequireApiKey();
        MapJobRoutes(training, JobKind.Training, "TrainingJob", "training job");

        var pipelines = app.MapGroup("/v1/pipelines").WithTags("Training");
        pipelines.MapPost("", CreatePipelineAsync)
            .WithName("CreatePipeline")
            .WithSummary("Run the InstructGPT pipeline in the background (requires the API key)")
            .WithDescription("Builds the default world, a tokenizer, then pretrain → SFT → comparisons → RM → PPO → PPO-ptx into the server's data directory, " +
                "skipping finished stages. Each checkpoint is servable as soon as its stage ends. Progress shows the current stage.")
            .WithExamples(JobExamples.PipelineRequest, JobExamples.PipelineJob)
            .RequireApiKey();
        MapJobRoutes(pipelines, JobKind.Pipeline, "Pipeline", "pipeline");
        return app;
    }

    private static void MapJobRoutes(RouteGroupBuilder group, JobKind kind, string name, string noun)
    {
        group.MapGet("", (JobQueue queue, int? limit) => ListAsync(queue, kind, limit))
            .WithName($"List{name}s")
            .WithSummary($"List {noun}s, newest first")
            .WithDescription($"?limit= (1 to {MaxListLimit}, default {DefaultListLimit}).")
            .WithExamples(null, kind == JobKind.Training ? JobExamples.TrainingJobList : JobExamples.PipelineJobList);
        group.MapGet("/{id}", (JobQueue queue, string id) => GetAsync(queue, kind, id))
            .WithName($"Get{name}")
            .WithSummary($"Status, progress, ETA, latest metrics and error of a {noun}")
            .WithExamples(null, kind == JobKind.Training ? JobExamples.TrainingJob : JobExamples.PipelineJob);
        group.MapGet("/{id}/metrics", (JobQueue queue, string id) => MetricsAsync(queue, kind, id))
            .WithName($"Get{name}Metrics")
            .WithSummary($"A {noun}'s progress series: one entry per recorded step")
            .WithExamples(null, JobExamples.JobMetrics);
        group.MapDelete("/{id}", (JobQueue queue, PreparedStagePlans plans, string id) => CancelAsync(queue, plans, kind, id))
            .WithName($"Cancel{name}")
            .WithSummary($"Cancel a {noun} (requires the API key)")
            .WithDescription("A queued job is cancelled at once. A running one stops at its next step boundary and keeps its resumable state; " +
                "the answer has cancel_requested true until it has stopped. 409 when it has already ended.")
            .WithExamples(null, kind == JobKind.Training ? JobExamples.TrainingJob : JobExamples.PipelineJob)
            .RequireApiKey();
    }

    public static async Task<Results<Accepted<JobObject>, ApiError>> CreateTrainingJobAsync(TrainingJobRequest? request, JobQueue queue, JobRequestValidator validator,
        PendingCheckpoints pending, PreparedStagePlans plans)
    {
        // Validation reads every dataset of the stage: off the request's thread.
        var (spec, plan) = await Task.Run(() => validator.Validate(request, name => pending.Find(name) is not null));
        // The plan is held before the id reaches the channel, so that the worker finds it however soon it starts the job.
        var id = JobQueue.NewId(JobKind.Training);
        if (plan is not null) plans.Hold(id, plan);
        JobRecord job;
        try
        {
            job = await queue.SubmitAsync(JobKind.Training, spec.Stage, JobSpecJson.Write(spec), id);
        }
        catch
        {
            plans.Forget(id);
            throw;
        }
        return TypedResults.Accepted($"/v1/training/jobs/{job.Id}", JobObject.From(job, null));
    }

    public static async Task<Results<Accepted<JobObject>, ApiError>> CreatePipelineAsync(PipelineRequest? request, JobQueue queue, JobRequestValidator validator,
        PendingCheckpoints pending)
    {
        var spec = validator.Validate(request, name => pending.Find(name) is not null);
        var job = await queue.SubmitAsync(JobKind.Pipeline, null, JobSpecJson.Write(spec));
        return TypedResults.Accepted($"/v1/pipelines/{job.Id}", JobObject.From(job, null));
    }

    private static async Task<Results<Ok<JobList>, ApiError>> ListAsync(JobQueue queue, JobKind kind, int? limit)
    {
        if (limit is < 1 or > MaxListLimit)
            return ApiError.BadRequest($"Invalid value for 'limit': {limit}; use an integer from 1 to {MaxListLimit}.", "limit");
        var take = limit ?? DefaultListLimit;
        var jobs = (await queue.StoreAsync()).List(kind, take + 1);
        return TypedResults.Ok(new JobList("list", jobs.Take(take).Select(j => JobObject.From(j, queue.Board.Get(j.Id))).ToList(), jobs.Count > take));
    }

    private static async Task<Results<Ok<JobObject>, ApiError>> GetAsync(JobQueue queue, JobKind kind, string id)
    {
        if (await FindAsync(queue, kind, id) is not { } job) return NotFound(kind, id);
        return TypedResults.Ok(JobObject.From(job, queue.Board.Get(id)));
    }

    private static async Task<Results<Ok<JobMetricsList>, ApiError>> MetricsAsync(JobQueue queue, JobKind kind, string id)
    {
        if (await FindAsync(queue, kind, id) is null) return NotFound(kind, id);
        var series = (await queue.StoreAsync()).Series(id)
            .Select(p => new JobMetricsEntry(p.Stage, p.Step, p.TotalSteps, p.Loss, p.Metrics, p.ElapsedSeconds, p.RecordedAt.ToUnixTimeMilliseconds() / 1000.0)).ToList();
        return TypedResults.Ok(new JobMetricsList("list", id, series));
    }

    private static async Task<Results<Ok<JobObject>, ApiError>> CancelAsync(JobQueue queue, PreparedStagePlans plans, JobKind kind, string id)
    {
        if (await FindAsync(queue, kind, id) is not { } existing) return NotFound(kind, id);
        if (existing.Status.IsFinished())
            return new ApiError(StatusCodes.Status409Conflict, new OpenAiError(
                $"Job {id} has already ended ({existing.Status.ToName()}); there is nothing to cancel.", OpenAiErrorTypes.InvalidRequest, "id", "job_not_cancellable"));
        var job = await queue.CancelAsync(id);
        // A queued job cancelled now never runs: its plan would only take a place in the holder.
        if (job?.Status == JobStatus.Cancelled) plans.Forget(id);
        return job is null ? NotFound(kind, id) : TypedResults.Ok(JobObject.From(job, queue.Board.Get(id)));
    }

    private static async Task<JobRecord?> FindAsync(JobQueue queue, JobKind kind, string id) =>
        id.Length > 64 ? null : (await queue.StoreAsync()).Get(id) is { } job && job.Kind == kind ? job : null;

    private static ApiError NotFound(JobKind kind, string id) =>
        ApiError.NotFound($"No {(kind == JobKind.Training ? "training job" : "pipeline")} with id '{(id.Length > 64 ? id[..64] + "…" : id)}'.", "id", "job_not_found");
}
