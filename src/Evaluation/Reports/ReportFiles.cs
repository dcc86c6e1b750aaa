using System.Text;

namespace InstructGpt.Evaluation.Reports;

/// <summary>
/// Writes a run's report into a folder (<c>$INSTRUCTGPT_HOME/reports/&lt;id&gt;/</c> by default, docs/data-directory.md): report.json,
/// report.md, report.html and one .svg per chart. Each file is written to a temporary sibling and renamed into
/// place, so a reader never sees half a report.
/// </summary>
public static class ReportFiles
{
    public const string JsonFileName = "report.json";
    public const string MarkdownFileName = "report.md";
    public const string HtmlFileName = "report.html";

    /// <summary>Writes every format and returns the paths written.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(EvaluationReport report, string directory, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        var charts = ReportCharts.Render(report);
        var files = new List<(string Name, string Text)>
        {
            (JsonFileName, ReportJson.Serialize(report)),
            (MarkdownFileName, MarkdownReport.Render(report)),
        };
        files.AddRange(charts.Select(c => (c.FileName, c.Svg)));
        files.Add((HtmlFileName, HtmlReport.Render(report, charts)));

        var written = new List<string>();
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(directory, name);
            var temporary = Path.Combine(directory, $".{name}.{Guid.NewGuid():N}.tmp");
            try
            {
                await File.WriteAllTextAsync(temporary, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);
                File.Move(temporary, path, overwrite: true);
            }
            finally
            {
                File.Delete(temporary); // gone already after a successful move; removes a half-written file otherwise
            }
            written.Add(path);
        }
        return written;
    }
}
