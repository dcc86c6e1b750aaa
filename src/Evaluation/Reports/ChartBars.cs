using InstructGpt.Evaluation.Metrics;

namespace InstructGpt.Evaluation.Reports;

/// <summary>Turns report results into bars and legends, so every chart colours and labels models the same way.</summary>
internal static class ChartBars
{
    public static Bar From(EvaluationReport report, Aggregate result) => new(
        result.Model,
        ChartPalette.ColorFor(report, result.Model),
        result.Value,
        result.CiLow,
        result.CiHigh,
        result.N,
        ReportFormat.Value(result.Metric, result.Value),
        ReportFormat.Interval(result.Metric, result));

    /// <summary>The results of <paramref name="metric"/> for <paramref name="judge"/> in one category, one per model, in report order.</summary>
    public static IReadOnlyList<Bar> PerModel(EvaluationReport report, string? judge, string metric, string category = Aggregate.AllCategories) =>
        report.Models
            .Select(model => judge is null ? null : report.Find(model, judge, metric, category))
            .OfType<Aggregate>()
            .Select(result => From(report, result))
            .ToArray();

    public static IReadOnlyList<LegendEntry> Legend(EvaluationReport report, IEnumerable<BarGroup> groups)
    {
        var shown = groups.SelectMany(g => g.Bars).Select(b => b.Model).ToHashSet(StringComparer.Ordinal);
        return report.Models.Where(shown.Contains).Select(m => new LegendEntry(m, ChartPalette.ColorFor(report, m))).ToArray();
    }

    public static string JudgeSuffix(string? judge) => judge is null ? "" : $" (judge: {judge})";
}
