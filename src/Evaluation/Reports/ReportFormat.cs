using System.Globalization;
using InstructGpt.Evaluation.Metrics;

namespace InstructGpt.Evaluation.Reports;

/// <summary>How numbers read in tables, tooltips and axis labels: rates as percentages, everything else to three decimals.</summary>
internal static class ReportFormat
{
    public static string Value(string metric, double value) =>
        MetricOrder.IsProportion(metric)
            ? (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%"
            : value.ToString("0.000", CultureInfo.InvariantCulture);

    public static string Interval(string metric, Aggregate result) =>
        result.CiLow is { } low && result.CiHigh is { } high
            ? $"[{Value(metric, low)}, {Value(metric, high)}]"
            : "—";

    /// <summary>Numbers written into SVG attributes: invariant culture, enough digits for a pixel.</summary>
    public static string Coordinate(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Raw values in data-* attributes, round-trippable.</summary>
    public static string Raw(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
