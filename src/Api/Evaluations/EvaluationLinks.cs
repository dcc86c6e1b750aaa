namespace InstructGpt.Api.Evaluations;

/// <param name="Self">This evaluation.</param>
/// <param name="Samples">Every output with its judges' labels, page by page.</param>
/// <param name="ReportJson">The report alone, once completed.</param>
/// <param name="ReportMarkdown">The report as Markdown, once completed.</param>
/// <param name="ReportHtml">The report as one HTML page with its charts, once completed.</param>
/// <param name="Charts">Chart name → its SVG (win-rate, metadata-rates, toxicity, likert-by-category), once completed; only in GET of one evaluation.</param>
public sealed record EvaluationLinks(string Self, string Samples, string? ReportJson, string? ReportMarkdown, string? ReportHtml,
    IReadOnlyDictionary<string, string>? Charts);
