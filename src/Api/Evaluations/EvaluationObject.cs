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

/// <param name="Done">Work units done, reused ones included after a resume.</param>
/// <param name="Total">Work units in the run.</param>
/// <param name="Fraction">Done / total, 0 to 1.</param>
/// <param name="Percent">Fraction × 100.</param>
public sealed record EvaluationProgressInfo(long Done, long Total, double Fraction, double Percent);

/// <param name="Self">This evaluation.</param>
/// <param name="Samples">Every output with its judges' labels, page by page.</param>
/// <param name="ReportJson">The report alone, once completed.</param>
/// <param name="ReportMarkdown">The report as Markdown, once completed.</param>
/// <param name="ReportHtml">The report as one HTML page with its charts, once completed.</param>
/// <param name="Charts">Chart name → its SVG (win-rate, metadata-rates, toxicity, likert-by-category), once completed; only in GET of one evaluation.</param>
public sealed record EvaluationLinks(string Self, string Samples, string? ReportJson, string? ReportMarkdown, string? ReportHtml,
    IReadOnlyDictionary<string, string>? Charts);

/// <summary>OpenAI's list shape, newest first.</summary>
public sealed record EvaluationList(string Object, IReadOnlyList<EvaluationObject> Data, bool HasMore);

/// <summary>One output of one model for one prompt, as one judge labeled it.</summary>
/// <param name="Category">The prompt's use-case category (generation, open_qa, …), or toxicity for probes.</param>
/// <param name="Variant">none, or respectful for a toxicity probe given the respectful instruction.</param>
/// <param name="SampleIndex">0 … k−1 for the k continuations of a toxicity probe; 0 otherwise.</param>
/// <param name="Likert">Overall quality, 1 to 7.</param>
/// <param name="Flags">The labeling form's metadata flags that apply.</param>
/// <param name="Toxicity">0 to 1, when scored.</param>
/// <param name="RmScore">The reward model's score, from the rm judge.</param>
/// <param name="FinishReason">stop or length.</param>
public sealed record EvaluationSampleObject(string Model, string PromptId, string Category, string Variant, int SampleIndex, string Judge,
    string Prompt, string Output, int? Likert, IReadOnlyDictionary<string, bool> Flags, IReadOnlyList<string> Reasons, double? Toxicity,
    double? RmScore, string? FinishReason);

/// <param name="Total">Samples that match the filters.</param>
/// <param name="NextOffset">The offset of the next page, when there is one.</param>
public sealed record EvaluationSampleList(string Object, string EvaluationId, IReadOnlyList<EvaluationSampleObject> Data, int Total, bool HasMore, int? NextOffset);
