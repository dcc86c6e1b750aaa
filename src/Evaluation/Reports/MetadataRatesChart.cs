using InstructGpt.Evaluation.Metrics;
using InstructGpt.Tasks.Labeling;

namespace InstructGpt.Evaluation.Reports;

/// <summary>
/// InstructGPT Figure 4: the labelers' metadata rates (inappropriate for a customer assistant, fails to follow the
/// instruction, satisfies constraints, hallucination on closed-domain tasks), grouped by metadata, one bar per model.
/// </summary>
public static class MetadataRatesChart
{
    public const string Id = "metadata-rates";

    public static BarChart Build(EvaluationReport report)
    {
        var judge = report.Judges.FirstOrDefault(j => MetadataFlags.Figure4.Any(flag => report.Results.Any(a => a.Judge == j && a.Metric == flag)));
        var groups = MetadataFlags.Figure4
            .Select(flag => new BarGroup(MetadataFlags.Label(flag), ChartBars.PerModel(report, judge, MetricNames.MetadataRate(flag))))
            .Where(g => g.Bars.Count > 0)
            .ToArray();
        return new BarChart
        {
            Id = Id,
            Title = $"Metadata rates{ChartBars.JudgeSuffix(judge)}",
            XAxisLabel = "Metadata (InstructGPT Figure 4)",
            YAxisLabel = "Fraction of outputs",
            Groups = groups,
            Legend = ChartBars.Legend(report, groups),
            YMin = 0,
            YCeiling = 1,
            YAsPercent = true,
        };
    }

    public static string Render(EvaluationReport report) => BarChartSvg.Render(Build(report));
}
