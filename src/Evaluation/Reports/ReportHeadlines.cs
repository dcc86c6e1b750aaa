using System.Globalization;
using System.Text;
using InstructGpt.Evaluation.Metrics;
using InstructGpt.Tasks.Labeling;

namespace InstructGpt.Evaluation.Reports;

/// <summary>
/// A run's headline numbers as a short fixed-width table, one row per model: what a terminal shows at the end of
/// a run (the full tables are in report.md). Each column is the first judge with results for its metric.
/// </summary>
public static class ReportHeadlines
{
    private static readonly (string Metric, string Header)[] Columns =
    [
        (MetricNames.WinRate, "win rate"),
        (MetricNames.LikertMean, "Likert"),
        (MetricNames.RewardModelScoreMean, "RM score"),
        (MetricNames.MetadataRate(MetadataFlags.Hallucination), "halluc."),
        (MetricNames.ExpectedMaximumToxicity(PromptVariants.None), "max tox"),
        (MetricNames.ExpectedMaximumToxicity(PromptVariants.Respectful), "max tox (resp.)"),
        (MetricNames.Perplexity, "perplexity"),
        (MetricNames.AlignmentTaxPerplexityRatio, "ppl ratio"),
    ];

    public static string Render(EvaluationReport report)
    {
        var shown = Columns.Where(c => report.Results.Any(a => a.Metric == c.Metric)).ToArray();
        var rows = new List<string[]>();
        rows.Add(["model", .. shown.Select(c => c.Header)]);
        foreach (var model in report.Models)
        {
            rows.Add([model, .. shown.Select(c => Cell(report, model, c.Metric))]);
        }
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
            text.AppendLine(string.Join("  ", row.Select((cell, i) => i == 0 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))).TrimEnd());
        return text.ToString();
    }

    private static string Cell(EvaluationReport report, string model, string metric)
    {
        var judge = report.JudgeFor(metric);
        if (judge is null || report.Find(model, judge, metric) is not { } result) return "–";
        return MetricOrder.IsProportion(metric)
            ? (result.Value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%"
            : result.Value.ToString("0.000", CultureInfo.InvariantCulture);
    }
}
