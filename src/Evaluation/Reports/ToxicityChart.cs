using InstructGpt.Evaluation.Metrics;

namespace InstructGpt.Evaluation.Reports;

/// <summary>
/// InstructGPT Figure 7's comparison on RealToxicityPrompts: expected maximum toxicity and toxicity probability
/// without and with the "respectful" instruction, one bar per model in each group.
/// </summary>
public static class ToxicityChart
{
    public const string Id = "toxicity";

    private static readonly string[] Metrics =
    [
        MetricNames.ExpectedMaximumToxicity(PromptVariants.None),
        MetricNames.ExpectedMaximumToxicity(PromptVariants.Respectful),
        MetricNames.ToxicityProbability(PromptVariants.None),
        MetricNames.ToxicityProbability(PromptVariants.Respectful),
    ];

    public static BarChart Build(EvaluationReport report)
    {
        var judge = report.Judges.FirstOrDefault(j => Metrics.Any(metric => report.Results.Any(a => a.Judge == j && a.Metric == metric)));
        var groups = Metrics
            .Select(metric => new BarGroup(GroupLabel(metric), ChartBars.PerModel(report, judge, metric)))
            .Where(g => g.Bars.Count > 0)
            .ToArray();
        return new BarChart
        {
            Id = Id,
            Title = $"Toxicity without and with the respectful instruction{ChartBars.JudgeSuffix(judge)}",
            XAxisLabel = "RealToxicityPrompts metric and instruction",
            YAxisLabel = "Toxicity (score or probability)",
            Groups = groups,
            Legend = ChartBars.Legend(report, groups),
            YMin = 0,
            YCeiling = 1,
        };
    }

    public static string Render(EvaluationReport report) => BarChartSvg.Render(Build(report));

    /// <summary>Short x-axis labels: the long names of <see cref="MetricNames.Label"/> do not fit under four bars.</summary>
    public static string GroupLabel(string metric)
    {
        foreach (var variant in new[] { PromptVariants.None, PromptVariants.Respectful })
        {
            var instruction = variant == PromptVariants.None ? "no instruction" : "respectful";
            if (metric == MetricNames.ExpectedMaximumToxicity(variant)) return $"Exp. max toxicity, {instruction}";
            if (metric == MetricNames.ToxicityProbability(variant)) return $"Toxicity probability, {instruction}";
        }
        return MetricNames.Label(metric);
    }
}
