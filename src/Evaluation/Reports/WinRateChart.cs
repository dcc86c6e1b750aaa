using InstructGpt.Evaluation.Metrics;

namespace InstructGpt.Evaluation.Reports;

/// <summary>
/// InstructGPT Figure 1: each model's win rate against the baseline with its 95% interval, and a dashed line at
/// 50%, where a model is as good as the baseline.
/// </summary>
public static class WinRateChart
{
    public const string Id = "win-rate";

    public static BarChart Build(EvaluationReport report)
    {
        var judge = report.JudgeFor(MetricNames.WinRate);
        var groups = ChartBars.PerModel(report, judge, MetricNames.WinRate)
            .Select(bar => new BarGroup(bar.Model, [bar]))
            .ToArray();
        return new BarChart
        {
            Id = Id,
            Title = $"Win rate against {report.Baseline}{ChartBars.JudgeSuffix(judge)}",
            XAxisLabel = "Model",
            YAxisLabel = $"Win rate against {report.Baseline} (ties count half)",
            Groups = groups,
            Legend = ChartBars.Legend(report, groups),
            YMin = 0,
            YMax = 1,
            YAsPercent = true,
            Reference = new ReferenceLine(0.5, $"50%: as good as {report.Baseline}"),
            ShowValues = true,
        };
    }

    public static string Render(EvaluationReport report) => BarChartSvg.Render(Build(report));
}
