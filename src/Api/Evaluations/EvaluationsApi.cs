using InstructGpt.Api.Auth;
using InstructGpt.Api.Errors;
using InstructGpt.Api.Jobs;
using InstructGpt.Api.OpenApi;
using InstructGpt.Evaluation.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InstructGpt.Api.Evaluations;

/// <summary>
/// /v1/evaluations: submit an evaluation (202 + Location; validated first, then run by the job queue), list, get with progress and,
/// when completed, the report, its samples, cancel, and the report's views: JSON, Markdown, HTML and the SVG charts.
/// </summary>
public static class EvaluationsApi
{
    public const int DefaultListLimit = 20;
    public const int MaxListLimit = 100;

    public static IEndpointRouteBuilder MapEvaluationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/evaluations").WithTags("Evaluations");
        group.MapPost("", CreateAsync)
            .WithName("CreateEvaluation")
            .WithSummary("Evaluate checkpoints against a baseline in the background (requires the API key)")
            .WithDescription("Every model answers the eval sets' prompts, the judges label each answer and compare it with the baseline's (win rate, " +
                "Likert, the labeling form's metadata, RM score), toxicity probes are continued with and without the respectful instruction, and held-out " +
                "text measures the alignment tax. The request is validated first (400 names the field and its allowed range); the answer is 202 with the " +
                "queued evaluation and its Location. The run resumes after a server restart and can be cancelled.")
            .WithExamples(EvaluationExamples.Request, EvaluationExamples.Queued)
            .RequireApiKey();
        group.MapGet("", ListAsync)
            .WithName("ListEvaluations")
            .WithSummary("List evaluations, newest first")
            .WithDescription($"Those submitted here and the runs `instructgpt eval` stored in the same data directory. ?limit= (1 to {MaxListLimit}, " +
                $"default {DefaultListLimit}). Items carry no report: GET one evaluation for it.")
            .WithExamples(null, EvaluationExamples.List);
        group.MapGet("/{id}", GetAsync)
            .WithName("GetEvaluation")
            .WithSummary("Status, progress and ETA of an evaluation; its report with every result's 95% interval when completed")
            .WithExamples(null, EvaluationExamples.Completed);
        group.MapDelete("/{id}", CancelAsync)
            .WithName("CancelEvaluation")
            .WithSummary("Cancel an evaluation (requires the API key)")
            .WithDescription("A queued evaluation is cancelled at once; a running one stops after the batch it is on (cancel_requested is true until then), " +
                "keeping what it stored. 409 when it has already ended.")
            .WithExamples(null, EvaluationExamples.Cancelling)
            .RequireApiKey();
        group.MapGet("/{id}/samples", SamplesAsync)
            .WithName("ListEvaluationSamples")
            .WithSummary("An evaluation's outputs with their judges' labels, page by page")
            .WithDescription($"Ordered by model, prompt id, variant, sample index and judge. ?model= and ?judge= filter; ?limit= (1 to {MaxListLimit}, " +
                $"default {DefaultListLimit}) and ?offset= page. Available while the evaluation runs.")
            .WithExamples(null, EvaluationExamples.Samples);
        group.MapGet("/{id}/report.json", ReportJsonAsync)
            .WithName("GetEvaluationReportJson")
            .WithSummary("The report as JSON (report.json): every result per model, judge, category and metric with its 95% interval")
            .Produces<string>(StatusCodes.Status200OK, "application/json")
            .WithMetadata(new TextExample("application/json", EvaluationExamples.Report));
        group.MapGet("/{id}/report.md", ReportMarkdownAsync)
            .WithName("GetEvaluationReportMarkdown")
            .WithSummary("The report as Markdown: headline tables and every metric's table with intervals")
            .Produces<string>(StatusCodes.Status200OK, MarkdownContentType)
            .WithMetadata(new TextExample(MarkdownContentType, EvaluationExamples.Markdown));
        group.MapGet("/{id}/report.html", ReportHtmlAsync)
            .WithName("GetEvaluationReportHtml")
            .WithSummary("The report as one HTML page with its charts inline")
            .Produces<string>(StatusCodes.Status200OK, HtmlContentType)
            .WithMetadata(new TextExample(HtmlContentType, EvaluationExamples.Html));
        group.MapGet("/{id}/charts/{name}", ChartAsync)
            .WithName("GetEvaluationChart")
            .WithSummary("A chart of the report as SVG: win-rate.svg, metadata-rates.svg, toxicity.svg or likert-by-category.svg")
            .Produces<string>(StatusCodes.Status200OK, SvgContentType)
            .WithMetadata(new TextExample(SvgContentType, EvaluationExamples.Svg));
        return app;
    }

    public const string MarkdownContentType = "text/markdown; charset=utf-8";
    public const string HtmlContentType = "text/html; charset=utf-8";
    public const string SvgContentType = "image/svg+xml";

    public static async Task<Results<Accepted<EvaluationObject>, ApiError>> CreateAsync(CreateEvaluationRequest? request, EvaluationRequestValidator validator,
        EvaluationCatalog catalog, EvaluationApiKeys apiKeys)
    {
        // Validation reads every eval set: off the request's thread.
        var spec = await Task.Run(() => validator.Validate(request));
        var id = JobQueue.NewId(JobKind.Evaluation);
        if (request?.Llm?.ApiKey is { Length: > 0 } key) apiKeys.Set(id, key); // before the job is queued: a worker may start it at once
        try
        {
            var job = await catalog.Queue.SubmitAsync(JobKind.Evaluation, null, JobSpecJson.Write(spec), id);
            return TypedResults.Accepted($"/v1/evaluations/{job.Id}", new EvaluationEntry(job, null).ToObject(null, null));
        }
        catch
        {
            apiKeys.Forget(id);
            throw;
        }
    }

    private static async Task<Results<Ok<EvaluationList>, ApiError>> ListAsync(EvaluationCatalog catalog, int? limit)
    {
        if (limit is < 1 or > MaxListLimit)
            return ApiError.BadRequest($"Invalid value for 'limit': {limit}; use an integer from 1 to {MaxListLimit}.", "limit");
        var (entries, hasMore) = await catalog.ListAsync(limit ?? DefaultListLimit);
        return TypedResults.Ok(new EvaluationList("list", entries.Select(e => e.ToObject(catalog.Queue.Board.Get(e.Id), null)).ToList(), hasMore));
    }

    private static async Task<Results<Ok<EvaluationObject>, ApiError>> GetAsync(EvaluationCatalog catalog, string id)
    {
        if (await catalog.FindAsync(id) is not { } entry) return NotFound(id);
        return TypedResults.Ok(entry.ToObject(catalog.Queue.Board.Get(id), await catalog.ReportAsync(entry)));
    }

    private static async Task<Results<Ok<EvaluationObject>, ApiError>> CancelAsync(EvaluationCatalog catalog, EvaluationApiKeys apiKeys, string id)
    {
        if (await catalog.FindAsync(id) is not { } entry) return NotFound(id);
        if (entry.Job is not { } job)
            return Conflict($"Evaluation {id} was run by instructgpt eval, not by this server; stop it where it runs.", "evaluation_not_cancellable");
        if (job.Status.IsFinished())
            return Conflict($"Evaluation {id} has already ended ({job.Status.ToName()}); there is nothing to cancel.", "evaluation_not_cancellable");
        var cancelled = await catalog.Queue.CancelAsync(id);
        if (cancelled is null) return NotFound(id);
        if (cancelled.Status == JobStatus.Cancelled) apiKeys.Forget(id);
        return TypedResults.Ok(new EvaluationEntry(cancelled, entry.Run).ToObject(catalog.Queue.Board.Get(id), null));
    }

    private static async Task<Results<Ok<EvaluationSampleList>, ApiError>> SamplesAsync(EvaluationCatalog catalog, string id, string? model, string? judge,
        int? limit, int? offset)
    {
        if (limit is < 1 or > MaxListLimit)
            return ApiError.BadRequest($"Invalid value for 'limit': {limit}; use an integer from 1 to {MaxListLimit}.", "limit");
        if (offset is < 0) return ApiError.BadRequest($"Invalid value for 'offset': {offset}; use an integer from 0.", "offset");
        if (await catalog.FindAsync(id) is not { } entry) return NotFound(id);
        var (samples, total) = entry.Run is null ? ([], 0)
            : await (await catalog.StoreAsync()).PageSamplesAsync(id, model, judge, offset ?? 0, limit ?? DefaultListLimit);
        var start = Math.Min(offset ?? 0, total);
        var page = samples.Select(s => new EvaluationSampleObject(s.Output.Model, s.Output.PromptId, s.Output.Category, s.Output.Variant,
            s.Output.SampleIndex, s.Judge, s.Output.Prompt, s.Output.Output, s.Label.Likert, s.Label.Flags, s.Label.Reasons, s.Label.Toxicity,
            s.Label.RmScore, s.Output.FinishReason)).ToList();
        var next = start + page.Count;
        return TypedResults.Ok(new EvaluationSampleList("list", id, page, total, next < total, next < total ? next : null));
    }

    private static Task<Results<ContentHttpResult, ApiError>> ReportJsonAsync(EvaluationCatalog catalog, string id) =>
        ReportViewAsync(catalog, id, report => TypedResults.Content(ReportJson.Serialize(report), "application/json; charset=utf-8"));

    private static Task<Results<ContentHttpResult, ApiError>> ReportMarkdownAsync(EvaluationCatalog catalog, string id) =>
        ReportViewAsync(catalog, id, report => TypedResults.Content(MarkdownReport.Render(report), MarkdownContentType));

    private static Task<Results<ContentHttpResult, ApiError>> ReportHtmlAsync(EvaluationCatalog catalog, HttpContext context, string id) =>
        ReportViewAsync(catalog, id, report =>
        {
            // The page is self-contained (styles and SVG inline) and runs no script: say so to the browser.
            context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
            return TypedResults.Content(HtmlReport.Render(report, ReportCharts.Render(report)), HtmlContentType);
        });

    private static Task<Results<ContentHttpResult, ApiError>> ChartAsync(EvaluationCatalog catalog, string id, string name) =>
        ReportViewAsync(catalog, id, report =>
        {
            var charts = ReportCharts.Render(report);
            if (charts.FirstOrDefault(c => c.FileName == name) is { } chart) return TypedResults.Content(chart.Svg, SvgContentType);
            return ApiError.NotFound($"Evaluation {id} has no chart '{Shorten(name)}'; its charts are {string.Join(", ", charts.Select(c => c.FileName))}.",
                "name", "chart_not_found");
        });

    /// <summary>A view of a completed evaluation's report; 404 for an unknown id, 409 before the report exists.</summary>
    private static async Task<Results<ContentHttpResult, ApiError>> ReportViewAsync(EvaluationCatalog catalog, string id,
        Func<EvaluationReport, Results<ContentHttpResult, ApiError>> view)
    {
        if (await catalog.FindAsync(id) is not { } entry) return NotFound(id);
        if (await catalog.ReportAsync(entry) is not { } report)
        {
            var state = entry.ToObject(catalog.Queue.Board.Get(id), null);
            return Conflict($"Evaluation {id} is {state.Status} ({state.Progress.Percent}% done); its report exists once it has completed.", "report_not_ready");
        }
        return view(report);
    }

    private static ApiError NotFound(string id) =>
        ApiError.NotFound($"No evaluation with id '{Shorten(id)}'. GET /v1/evaluations lists them.", "id", "evaluation_not_found");

    private static ApiError Conflict(string message, string code) =>
        new(StatusCodes.Status409Conflict, new OpenAiError(message, OpenAiErrorTypes.InvalidRequest, "id", code));

    private static string Shorten(string s) => s.Length <= 64 ? s : s[..64] + "…";
}
