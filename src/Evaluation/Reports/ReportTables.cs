namespace InstructGpt.Evaluation.Reports;

/// <summary>The per-metric tables that the Markdown and HTML reports both print, as plain strings.</summary>
internal static class ReportTables
{
    public sealed record Table(string Metric, string Title, IReadOnlyList<IReadOnlyList<string>> Rows);

    public static IReadOnlyList<string> Columns { get; } = ["Model", "Judge", "Category", "Value", "95% CI", "n", "Method"];

    public static IEnumerable<Table> ByMetric(EvaluationReport report)
    {
        foreach (var metric in report.Metrics)
        {
            var rows = report.Results
                .Where(a => a.Metric == metric)
                .Select(a => (IReadOnlyList<string>)
                [
                    a.Model,
                    a.Judge,
                    a.Category,
                    ReportFormat.Value(metric, a.Value),
                    ReportFormat.Interval(metric, a),
                    a.N.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    a.Method,
                ])
                .ToArray();
            var title = Metrics.MetricNames.Label(metric);
            if (metric == Metrics.MetricNames.WinRate)
                title = $"Win rate against {report.Baseline}";
            yield return new Table(metric, title, rows);
        }
    }
}
