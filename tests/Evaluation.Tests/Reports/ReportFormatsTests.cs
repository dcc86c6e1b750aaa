using System.Text.Json;
using System.Text.RegularExpressions;
using InstructGpt.Evaluation.Metrics;
using InstructGpt.Evaluation.Reports;

namespace InstructGpt.Evaluation.Tests.Reports;

public class ReportFormatsTests
{
    [Fact]
    public void JsonUsesCleanCamelCaseNames()
    {
        using var json = JsonDocument.Parse(ReportJson.Serialize(SampleRun.Report));
        var root = json.RootElement;

        Assert.Equal("run-42", root.GetProperty("runId").GetString());
        Assert.Equal("completed", root.GetProperty("status").GetString());
        Assert.Equal("sft", root.GetProperty("baseline").GetString());
        Assert.Equal("held-out-v1", root.GetProperty("evalSet").GetString());
        Assert.Equal(0.95, root.GetProperty("confidenceLevel").GetDouble());
        var first = root.GetProperty("results")[0];
        Assert.Equal(
            ["model", "judge", "category", "metric", "value", "ciLow", "ciHigh", "n", "method"],
            first.EnumerateObject().Select(p => p.Name));
        Assert.Equal(MetricNames.WinRate, first.GetProperty("metric").GetString()); // Figure 1's metric leads
    }

    [Fact]
    public void JsonRoundTrips()
    {
        var json = ReportJson.Serialize(SampleRun.Report);

        var read = ReportJson.Deserialize(json);

        Assert.Equal(SampleRun.Report.Results, read.Results);
        Assert.Equal(json, ReportJson.Serialize(read));
    }

    [Fact]
    public void MarkdownHasATablePerMetricWithIntervalsAndN()
    {
        var markdown = MarkdownReport.Render(SampleRun.Report);

        Assert.Contains("# Evaluation run `run-42`", markdown);
        Assert.Contains("## Win rate against sft", markdown);
        Assert.Contains("| Model | Judge | Category | Value | 95% CI | n | Method |", markdown);
        // ppo: 3 wins, 2 ties, 5 losses → 40.0% with Wilson [16.8%, 68.7%] over 10 comparisons.
        Assert.Contains("| ppo | simulated-labeler | all | 40.0% | [16.8%, 68.7%] | 10 | wilson_ties_half |", markdown);
        Assert.Contains("## Likert score (1–7)", markdown);
        Assert.Contains("## Hallucination (closed domain)", markdown);
        Assert.Contains("## Expected maximum toxicity (respectful instruction)", markdown);
        var tables = Regex.Matches(markdown, @"^\| Model \|", RegexOptions.Multiline).Count;
        Assert.Equal(SampleRun.Report.Metrics.Count, tables);
    }

    [Fact]
    public void HtmlEmbedsEveryChartAsWellFormedSvgAndTheTables()
    {
        var html = HtmlReport.Render(SampleRun.Report);

        Assert.StartsWith("<!DOCTYPE html>", html);
        var svgs = Regex.Matches(html, @"<svg\b.*?</svg>", RegexOptions.Singleline).Select(m => m.Value).ToArray();
        Assert.Equal(
            [WinRateChart.Id, MetadataRatesChart.Id, ToxicityChart.Id, LikertByCategoryChart.Id],
            svgs.Select(s => (string?)new SvgDocument(s).Root.Attribute("data-chart")));
        Assert.Equal(SampleRun.Evaluated.Length, new SvgDocument(svgs[0]).Bars.Count);
        Assert.Contains("<table data-metric=\"win_rate\">", html);
        Assert.Equal(SampleRun.Report.Metrics.Count, Regex.Matches(html, "<table ").Count);
        Assert.Contains("<td>ppo</td>", html);
    }

    [Fact]
    public void HtmlEscapesTextItDidNotWrite()
    {
        var report = SampleRun.Report with { Error = "<script>alert(1)</script>" };

        var html = HtmlReport.Render(report);

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public async Task FilesAreWrittenWholeIntoTheRunFolder()
    {
        var directory = Path.Combine(Path.GetTempPath(), "instructgpt-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            var written = await ReportFiles.WriteAsync(SampleRun.Report, directory);

            Assert.Equal(
                ["likert-by-category.svg", "metadata-rates.svg", "report.html", "report.json", "report.md", "toxicity.svg", "win-rate.svg"],
                Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            Assert.Equal(7, written.Count);
            Assert.Equal(ReportJson.Serialize(SampleRun.Report), await File.ReadAllTextAsync(Path.Combine(directory, ReportFiles.JsonFileName)));
            _ = new SvgDocument(await File.ReadAllTextAsync(Path.Combine(directory, "win-rate.svg")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
