using System.Text;
using InstructGpt.Evaluation.Metrics;
using InstructGpt.Evaluation.Storage;

namespace InstructGpt.Evaluation.Reports;

/// <summary>A run's report as Markdown: the run's description, then one table per metric with value, 95% interval, n and method.</summary>
public static class MarkdownReport
{
    public static string Render(EvaluationReport report)
    {
        var text = new StringBuilder();
        text.AppendLine($"# Evaluation run `{report.RunId}`");
        text.AppendLine();
        text.AppendLine($"- Status: {report.Status.ToName()}");
        if (report.Error is not null)
            text.AppendLine($"- Error: {Cell(report.Error)}");
        text.AppendLine($"- Baseline: `{report.Baseline}`");
        text.AppendLine($"- Evaluation set: `{report.EvalSet}`");
        text.AppendLine($"- Models: {string.Join(", ", report.Models.Select(m => $"`{m}`"))}");
        text.AppendLine($"- Judges: {string.Join(", ", report.Judges.Select(j => $"`{j}`"))}");
        text.AppendLine($"- Created: {ReportFormat.Time(report.CreatedAt)}; updated: {ReportFormat.Time(report.UpdatedAt)}");
        text.AppendLine($"- Intervals are {report.ConfidenceLevel * 100:0}% confidence intervals; each row names its method.");
        text.AppendLine();

        if (report.Results.Count == 0)
        {
            text.AppendLine("No results yet.");
            return text.ToString();
        }

        foreach (var table in ReportTables.ByMetric(report))
        {
            text.AppendLine($"## {table.Title}");
            text.AppendLine();
            text.AppendLine($"| {string.Join(" | ", ReportTables.Columns)} |");
            text.AppendLine($"|{string.Concat(ReportTables.Columns.Select((_, i) => i is >= 3 and <= 5 ? " ---: |" : " --- |"))}");
            foreach (var row in table.Rows)
                text.AppendLine($"| {string.Join(" | ", row.Select(Cell))} |");
            text.AppendLine();
        }
        return text.ToString();
    }

    /// <summary>Pipes would end a table cell and newlines the row.</summary>
    private static string Cell(string value) => value.Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ");
}
