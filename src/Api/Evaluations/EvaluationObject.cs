using System.Text.Json;

namespace InstructGpt.Api.Evaluations;

/// <summary>An evaluation as the API shows it: the job that runs it and, once it has started, its run and (when completed) its report.</summary>
/// <param name="Id">"eval-…" for evaluations submitted here; runs made by <c>instructgpt eval</c> in the same data directory keep their run id.</param>
/// <param name="Object">Always "evaluation".</param>
/// <param name="Status">queued, running, succeeded, failed, cancelled or interrupted.</param>
/// <param name="Phase">generate (models answer and judges label), score (held-out text), aggregate (metrics and reports).</param>
/// <param name="Model">The model the run is working on.</param>
/// <param name="Progress">Work units done: one per model, prompt, variant and sample, and one per scored document.</param>
/// <param name="EtaSeconds">Estimated seconds left, while running.</param>
/// <param name="GeneratedTokens">Tokens the models generated in this attempt.</param>
/// <param name="Error">Why it failed, was cancelled or interrupted; a note when it was resumed after a restart.</param>
/// <param name="Attempts">How many times it has started (more than 1 after a resume).</param>
/// <param name="CancelRequested">A cancel was asked for; a running evaluation stops after the batch it is on.</param>
/// <param name="CreatedAt">Unix seconds.</param>
/// <param name="Models">Every evaluated model, the baseline included.</param>
/// <param name="Request">The request as accepted, with defaults filled in (for a CLI run: the run's stored configuration).</param>
/// <param name="Report">When completed: report.json as <c>instructgpt eval</c> writes it (camelCase, ReportJson): every result with its 95% interval.</param>
/// <param name="Links">Where its samples and report views are.</param>
public sealed record EvaluationObject(
    string Id,
    string Object,
    string Status,
    string? Phase,
    string? Model,
    EvaluationProgressInfo Progress,
    double? EtaSeconds,
    long GeneratedTokens,
    string? Error,
    int Attempts,
    bool CancelRequested,
    long CreatedAt,
    long? StartedAt,
    long? FinishedAt,
    IReadOnlyList<string> Models,
    string Baseline,
    IReadOnlyList<string> EvalSets,
    IReadOnlyList<string> Judges,
    JsonElement Request,
    JsonElement? Report,
    EvaluationLinks Links);
