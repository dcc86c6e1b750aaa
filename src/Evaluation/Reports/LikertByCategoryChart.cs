using InstructGpt.Evaluation.Metrics;

namespace InstructGpt.Evaluation.Reports;

/// <summary>InstructGPT Figure 5 by prompt category: each model's mean Likert score (1–7) with its 95% interval, all prompts first.</summary>
public static class LikertByCategoryChart
{
    public const string Id = "likert-by-category";

    /// <summary>The top of InstructGPT's Likert scale (Figure 5).</summary>
    public const double LikertMaximum = 7;

    public static BarChart Build(EvaluationReport report)
    {
        var judge = report.JudgeFor(MetricNames.LikertMean);
        var categories = report.Results
            .Where(a => a.Metric == MetricNames.LikertMean && a.Judge == judge)
            .Select(a => a.Category)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(c => c == Aggregate.AllCategories ? 0 : 1)
            .ThenBy(c => c, StringComparer.Ordinal);
        var groups = categories
            .Select(category => new BarGroup(
                category == Aggregate.AllCategories ? "All prompts" : category.Replace('_', ' '),
                ChartBars.PerModel(report, judge, MetricNames.LikertMean, category)))
            .Where(g => g.Bars.Count > 0)
            .ToArray();
        return new BarChart
        {
            Id = Id,
            Title = $"Likert score by category{ChartBars.JudgeSuffix(judge)}",
            XAxisLabel = "Prompt category",
            YAxisLabel = "Mean Likert score (1–7)",
            Groups = groups,
            Legend = ChartBars.Legend(report, groups),
            YMin = 0,
            YMax = LikertMaximum,
        };
    }

    public static string Render(EvaluationReport report) => BarChartSvg.Render(Build(report));
}
