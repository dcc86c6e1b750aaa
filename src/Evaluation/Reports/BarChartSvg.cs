using static InstructGpt.Evaluation.Reports.ReportFormat;

namespace InstructGpt.Evaluation.Reports;

/// <summary>
/// Draws a <see cref="BarChart"/> as SVG: axes with ticks and titles, one &lt;rect data-model=…&gt; per bar, an
/// error bar (&lt;g class="error-bar"&gt;) for each bar with an interval, an optional dashed reference line, and a
/// legend when groups hold several models. Each bar carries a &lt;title&gt; tooltip with its value, interval and n.
/// </summary>
public static class BarChartSvg
{
    private const double Width = 800;
    private const double Height = 440;
    private const double LegendWidth = 210;
    private const double MarginLeft = 76, MarginRight = 24, MarginTop = 56, MarginBottom = 96;
    private const double CharacterWidth = 6.6; // average advance of 12px sans-serif, for wrapping labels
    private const string Font = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

    public static string Render(BarChart chart)
    {
        var showLegend = chart.Groups.Any(g => g.Bars.Count > 1) && chart.Legend.Count > 0;
        var plotLeft = MarginLeft;
        var plotRight = Width - MarginRight - (showLegend ? LegendWidth : 0);
        var plotTop = MarginTop;
        var plotBottom = Height - MarginBottom;
        var axis = YAxis.Fit(chart);
        double Y(double value) => plotBottom - (Math.Clamp(value, axis.Min, axis.Max) - axis.Min) / (axis.Max - axis.Min) * (plotBottom - plotTop);

        using var svg = new SvgWriter();
        svg.Start("svg",
            ("viewBox", $"0 0 {Coordinate(Width)} {Coordinate(Height)}"),
            ("width", Coordinate(Width)),
            ("height", Coordinate(Height)),
            ("role", "img"),
            ("aria-labelledby", $"{chart.Id}-title"),
            ("font-family", Font),
            ("font-size", "12"),
            ("data-chart", chart.Id));
        svg.Text("title", chart.Title, ("id", $"{chart.Id}-title"));
        svg.Empty("rect", ("class", "background"), ("x", "0"), ("y", "0"), ("width", Coordinate(Width)), ("height", Coordinate(Height)), ("fill", "#ffffff"));
        svg.Text("text", chart.Title,
            ("class", "chart-title"), ("x", Coordinate(Width / 2)), ("y", "28"), ("text-anchor", "middle"), ("font-size", "16"), ("font-weight", "600"));

        // y axis: gridlines, ticks and their labels, then the axis title rotated along it.
        svg.Start("g", ("class", "y-axis"));
        foreach (var tick in axis.Ticks)
        {
            var y = Y(tick);
            svg.Empty("line", ("x1", Coordinate(plotLeft)), ("x2", Coordinate(plotRight)), ("y1", Coordinate(y)), ("y2", Coordinate(y)), ("stroke", "#e3e3e3"));
            svg.Empty("line", ("x1", Coordinate(plotLeft - 5)), ("x2", Coordinate(plotLeft)), ("y1", Coordinate(y)), ("y2", Coordinate(y)), ("stroke", "#333333"));
            svg.Text("text", chart.YAsPercent ? $"{tick * 100:0}%" : TickLabel(tick, axis.Step),
                ("x", Coordinate(plotLeft - 8)), ("y", Coordinate(y + 4)), ("text-anchor", "end"), ("fill", "#333333"));
        }
        svg.Empty("line", ("x1", Coordinate(plotLeft)), ("x2", Coordinate(plotLeft)), ("y1", Coordinate(plotTop)), ("y2", Coordinate(plotBottom)), ("stroke", "#333333"));
        var yTitleY = (plotTop + plotBottom) / 2;
        svg.Text("text", chart.YAxisLabel,
            ("class", "axis-title"), ("x", "20"), ("y", Coordinate(yTitleY)), ("text-anchor", "middle"),
            ("transform", $"rotate(-90 20 {Coordinate(yTitleY)})"), ("font-size", "13"));
        svg.End();

        // x axis along the bars' base.
        var baseline = Y(Math.Clamp(0, axis.Min, axis.Max));
        svg.Start("g", ("class", "x-axis"));
        svg.Empty("line", ("x1", Coordinate(plotLeft)), ("x2", Coordinate(plotRight)), ("y1", Coordinate(baseline)), ("y2", Coordinate(baseline)), ("stroke", "#333333"));
        // The x title goes just below the longest wrapped group label.
        var labelLines = chart.Groups.Count == 0 ? 1 : chart.Groups.Max(g => WrapLabel(g.Label, MaxCharacters(chart, plotLeft, plotRight)).Count);
        svg.Text("text", chart.XAxisLabel,
            ("class", "axis-title"), ("x", Coordinate((plotLeft + plotRight) / 2)), ("y", Coordinate(plotBottom + 18 + labelLines * 14 + 14)), ("text-anchor", "middle"), ("font-size", "13"));
        svg.End();

        if (chart.Reference is { } reference && reference.Value >= axis.Min && reference.Value <= axis.Max)
        {
            var y = Y(reference.Value);
            svg.Start("g", ("class", "reference-line"), ("data-value", Raw(reference.Value)));
            svg.Empty("line", ("x1", Coordinate(plotLeft)), ("x2", Coordinate(plotRight)), ("y1", Coordinate(y)), ("y2", Coordinate(y)),
                ("stroke", "#555555"), ("stroke-width", "1.5"), ("stroke-dasharray", "6 4"));
            // The key sits above the plot, where no bar or value label can cover it.
            var keyY = plotTop - 12;
            svg.Empty("line", ("x1", Coordinate(plotRight - 28)), ("x2", Coordinate(plotRight)), ("y1", Coordinate(keyY)), ("y2", Coordinate(keyY)),
                ("stroke", "#555555"), ("stroke-width", "1.5"), ("stroke-dasharray", "6 4"));
            svg.Text("text", reference.Label, ("x", Coordinate(plotRight - 34)), ("y", Coordinate(keyY + 4)), ("text-anchor", "end"), ("fill", "#555555"));
            svg.End();
        }

        if (chart.Groups.Count == 0 || chart.Groups.All(g => g.Bars.Count == 0))
        {
            svg.Text("text", "No results for this chart yet.",
                ("class", "empty"), ("x", Coordinate((plotLeft + plotRight) / 2)), ("y", Coordinate((plotTop + plotBottom) / 2)), ("text-anchor", "middle"), ("fill", "#777777"));
        }
        else
        {
            DrawGroups(svg, chart, plotLeft, plotRight, plotBottom, baseline, Y);
        }

        if (showLegend)
            DrawLegend(svg, chart, plotRight + 24, plotTop);

        svg.End();
        return svg.ToString();
    }

    private static void DrawGroups(SvgWriter svg, BarChart chart, double plotLeft, double plotRight, double plotBottom, double baseline, Func<double, double> y)
    {
        var groupWidth = (plotRight - plotLeft) / chart.Groups.Count;
        var slots = Math.Max(1, chart.Groups.Max(g => g.Bars.Count));
        var barWidth = Math.Min(56, groupWidth * 0.8 / slots);
        var maxCharacters = MaxCharacters(chart, plotLeft, plotRight);

        svg.Start("g", ("class", "bars"));
        for (var g = 0; g < chart.Groups.Count; g++)
        {
            var group = chart.Groups[g];
            var centre = plotLeft + groupWidth * (g + 0.5);
            var first = centre - barWidth * group.Bars.Count / 2;
            svg.Start("g", ("class", "bar-group"), ("data-group", group.Label));
            for (var b = 0; b < group.Bars.Count; b++)
            {
                var bar = group.Bars[b];
                var x = first + b * barWidth;
                var top = y(bar.Value);
                svg.Start("rect",
                    ("class", "bar"),
                    ("data-model", bar.Model),
                    ("data-group", group.Label),
                    ("data-value", Raw(bar.Value)),
                    ("x", Coordinate(x + 1)),
                    ("y", Coordinate(Math.Min(top, baseline))),
                    ("width", Coordinate(Math.Max(1, barWidth - 2))),
                    ("height", Coordinate(Math.Abs(baseline - top))),
                    ("fill", bar.Color));
                svg.Text("title", $"{bar.Model} — {group.Label}: {bar.ValueText}, 95% CI {bar.IntervalText}, n = {bar.N}");
                svg.End();

                var middle = x + barWidth / 2;
                if (bar.Low is { } low && bar.High is { } high)
                {
                    var cap = Math.Min(10, barWidth * 0.4) / 2;
                    svg.Start("g", ("class", "error-bar"), ("data-model", bar.Model), ("data-group", group.Label),
                        ("data-low", Raw(low)), ("data-high", Raw(high)), ("stroke", "#222222"), ("stroke-width", "1.5"));
                    svg.Empty("line", ("x1", Coordinate(middle)), ("x2", Coordinate(middle)), ("y1", Coordinate(y(low))), ("y2", Coordinate(y(high))));
                    svg.Empty("line", ("x1", Coordinate(middle - cap)), ("x2", Coordinate(middle + cap)), ("y1", Coordinate(y(low))), ("y2", Coordinate(y(low))));
                    svg.Empty("line", ("x1", Coordinate(middle - cap)), ("x2", Coordinate(middle + cap)), ("y1", Coordinate(y(high))), ("y2", Coordinate(y(high))));
                    svg.End();
                }
                if (chart.ShowValues)
                {
                    var labelY = Math.Min(top, bar.High is { } h ? y(h) : top) - 6;
                    // A white halo keeps the label readable where it crosses a gridline or the reference line.
                    svg.Text("text", bar.ValueText, ("class", "value-label"), ("x", Coordinate(middle)), ("y", Coordinate(labelY)), ("text-anchor", "middle"),
                        ("font-size", "11"), ("paint-order", "stroke"), ("stroke", "#ffffff"), ("stroke-width", "3"));
                }
            }
            var lines = WrapLabel(group.Label, maxCharacters);
            svg.Start("text", ("class", "group-label"), ("x", Coordinate(centre)), ("y", Coordinate(plotBottom + 18)), ("text-anchor", "middle"));
            for (var i = 0; i < lines.Count; i++)
                svg.Text("tspan", lines[i], ("x", Coordinate(centre)), ("dy", i == 0 ? "0" : "14"));
            svg.End();
            svg.End();
        }
        svg.End();
    }

    private static void DrawLegend(SvgWriter svg, BarChart chart, double left, double top)
    {
        svg.Start("g", ("class", "legend"));
        svg.Text("text", "Model", ("x", Coordinate(left)), ("y", Coordinate(top)), ("font-weight", "600"));
        for (var i = 0; i < chart.Legend.Count; i++)
        {
            var y = top + 14 + i * 20;
            var entry = chart.Legend[i];
            // data-legend, not data-model: a legend swatch is not a bar.
            svg.Empty("rect", ("data-legend", entry.Model), ("x", Coordinate(left)), ("y", Coordinate(y)), ("width", "12"), ("height", "12"), ("fill", entry.Color));
            svg.Text("text", Truncate(entry.Model, 26), ("x", Coordinate(left + 18)), ("y", Coordinate(y + 10)));
        }
        svg.End();
    }

    private static int MaxCharacters(BarChart chart, double plotLeft, double plotRight) =>
        Math.Max(6, (int)((plotRight - plotLeft) / Math.Max(1, chart.Groups.Count) / CharacterWidth));

    private static string TickLabel(double tick, double step) =>
        tick.ToString(step >= 1 ? "0" : step >= 0.1 ? "0.0" : step >= 0.01 ? "0.00" : "0.000", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Word-wraps a label into at most three lines of <paramref name="maxCharacters"/>.</summary>
    internal static IReadOnlyList<string> WrapLabel(string label, int maxCharacters)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var word in label.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (current.Length == 0) current = word;
            else if (current.Length + 1 + word.Length <= maxCharacters) current += " " + word;
            else
            {
                lines.Add(current);
                current = word;
            }
        }
        if (current.Length > 0) lines.Add(current);
        if (lines.Count > 3)
            lines = [lines[0], lines[1], lines[2] + "…"];
        return lines.Select(line => Truncate(line, maxCharacters)).ToArray();
    }

    private static string Truncate(string text, int maxCharacters) =>
        text.Length <= maxCharacters ? text : text[..Math.Max(1, maxCharacters - 1)] + "…";

    /// <summary>The y range and its ticks at a "nice" step (1, 2 or 5 times a power of ten).</summary>
    private sealed record YAxis(double Min, double Max, double Step, IReadOnlyList<double> Ticks)
    {
        public static YAxis Fit(BarChart chart)
        {
            var bars = chart.Groups.SelectMany(g => g.Bars).ToArray();
            var min = chart.YMin ?? Math.Min(0, bars.Length == 0 ? 0 : bars.Min(b => Math.Min(b.Value, b.Low ?? b.Value)));
            var max = chart.YMax ?? (bars.Length == 0 ? 1 : bars.Max(b => Math.Max(b.Value, b.High ?? b.Value)));
            if (chart.Reference is { } reference && chart.YMax is null)
                max = Math.Max(max, reference.Value);
            if (chart.YCeiling is { } ceiling)
                max = Math.Min(max, ceiling);
            if (!(max > min))
                max = min + (chart.YCeiling is { } c && c > min ? Math.Min(1, c - min) : 1);
            var step = NiceStep((max - min) / 5);
            var top = chart.YMax ?? Math.Ceiling(max / step - 1e-9) * step;
            if (chart.YCeiling is { } cap)
                top = Math.Min(top, cap);
            var bottom = chart.YMin ?? Math.Floor(min / step + 1e-9) * step;
            var ticks = new List<double>();
            for (var tick = Math.Ceiling(bottom / step - 1e-9) * step; tick <= top + step * 1e-6; tick += step)
                ticks.Add(Math.Round(tick / step) * step + 0.0); // + 0.0 turns −0 into 0, which would print as "-0"
            return new YAxis(bottom, Math.Max(top, bottom + step), step, ticks);
        }

        private static double NiceStep(double rough)
        {
            var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
            var normalized = rough / magnitude;
            double nice = normalized < 1.5 ? 1 : normalized < 3 ? 2 : normalized < 7 ? 5 : 10;
            return nice * magnitude;
        }
    }
}
