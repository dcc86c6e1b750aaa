using System.Net;
using System.Text;
using InstructGpt.Evaluation.Storage;

namespace InstructGpt.Evaluation.Reports;

/// <summary>
/// One self-contained HTML page for a run: its description, every chart as inline SVG (no external files, so the
/// page can be mailed or served as it is) and the per-metric tables.
/// </summary>
public static class HtmlReport
{
    private const string Style = """
        body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1b1b1b; }
        h1 { font-size: 1.6rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ddd; padding-bottom: .3rem; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; } dt { font-weight: 600; } dd { margin: 0; }
        figure { margin: 1.5rem 0; } figure svg { max-width: 100%; height: auto; border: 1px solid #eee; } figcaption { color: #555; font-size: .9rem; }
        table { border-collapse: collapse; margin: .5rem 0 1.5rem; font-size: .9rem; } th, td { border: 1px solid #ddd; padding: .3rem .6rem; }
        th { background: #f5f5f5; text-align: left; } td.number { text-align: right; font-variant-numeric: tabular-nums; }
        .error { color: #a00; }
        """;

    public static string Render(EvaluationReport report) => Render(report, ReportCharts.Render(report));

    public static string Render(EvaluationReport report, IReadOnlyList<ReportCharts.RenderedChart> charts)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>");
        html.AppendLine("<html lang=\"en\">");
        html.AppendLine("<head>");
        html.AppendLine("<meta charset=\"utf-8\">");
        html.AppendLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.AppendLine($"<title>Evaluation run {Encode(report.RunId)}</title>");
        html.AppendLine($"<style>{Style}</style>");
        html.AppendLine("</head>");
        html.AppendLine("<body>");
        html.AppendLine($"<h1>Evaluation run <code>{Encode(report.RunId)}</code></h1>");
        html.AppendLine("<dl>");
        Term(html, "Status", report.Status.ToName());
        if (report.Error is not null)
            html.AppendLine($"<dt>Error</dt><dd class=\"error\">{Encode(report.Error)}</dd>");
        Term(html, "Baseline", report.Baseline);
        Term(html, "Evaluation set", report.EvalSet);
        Term(html, "Models", string.Join(", ", report.Models));
        Term(html, "Judges", string.Join(", ", report.Judges));
        Term(html, "Created", ReportFormat.Time(report.CreatedAt));
        Term(html, "Updated", ReportFormat.Time(report.UpdatedAt));
        Term(html, "Intervals", $"{report.ConfidenceLevel * 100:0}% confidence; each table row names its method");
        html.AppendLine("</dl>");

        html.AppendLine("<h2>Charts</h2>");
        foreach (var chart in charts)
        {
            html.AppendLine($"<figure id=\"figure-{Encode(chart.Id)}\">");
            html.AppendLine(chart.Svg);
            html.AppendLine($"<figcaption>{Encode(chart.Caption)}</figcaption>");
            html.AppendLine("</figure>");
        }

        html.AppendLine("<h2>Results</h2>");
        if (report.Results.Count == 0)
            html.AppendLine("<p>No results yet.</p>");
        foreach (var table in ReportTables.ByMetric(report))
        {
            html.AppendLine($"<h3 id=\"metric-{Encode(table.Metric)}\">{Encode(table.Title)}</h3>");
            html.AppendLine($"<table data-metric=\"{Encode(table.Metric)}\">");
            html.AppendLine($"<thead><tr>{string.Concat(ReportTables.Columns.Select(c => $"<th scope=\"col\">{Encode(c)}</th>"))}</tr></thead>");
            html.AppendLine("<tbody>");
            foreach (var row in table.Rows)
                html.AppendLine($"<tr>{string.Concat(row.Select((cell, i) => i is >= 3 and <= 5 ? $"<td class=\"number\">{Encode(cell)}</td>" : $"<td>{Encode(cell)}</td>"))}</tr>");
            html.AppendLine("</tbody>");
            html.AppendLine("</table>");
        }
        html.AppendLine("</body>");
        html.AppendLine("</html>");
        return html.ToString();
    }

    private static void Term(StringBuilder html, string term, string definition) =>
        html.AppendLine($"<dt>{Encode(term)}</dt><dd>{Encode(definition)}</dd>");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
