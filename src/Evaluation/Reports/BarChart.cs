namespace InstructGpt.Evaluation.Reports;

/// <summary>
/// What a grouped bar chart shows, independent of how it is drawn: groups along the x axis (models, metadata
/// kinds, categories), one bar per model in each group, each bar with its 95% interval as an error bar.
/// </summary>
public sealed record BarChart
{
    /// <summary>A prefix for element ids, unique within a page that embeds several charts.</summary>
    public required string Id { get; init; }

    public required string Title { get; init; }
    public required string XAxisLabel { get; init; }
    public required string YAxisLabel { get; init; }
    public required IReadOnlyList<BarGroup> Groups { get; init; }

    /// <summary>The models and their colours, shown as a legend when a group holds bars of more than one model.</summary>
    public required IReadOnlyList<LegendEntry> Legend { get; init; }

    /// <summary>The bottom of the y axis; null fits it to the data (0, or lower if an interval goes below 0).</summary>
    public double? YMin { get; init; }

    /// <summary>The top of the y axis; null fits it to the data (the highest interval end, rounded up to a tick).</summary>
    public double? YMax { get; init; }

    /// <summary>Cap for a fitted y axis (1 for rates).</summary>
    public double? YCeiling { get; init; }

    /// <summary>Tick labels as percentages (for rates) rather than plain numbers.</summary>
    public bool YAsPercent { get; init; }

    /// <summary>A dashed horizontal line, e.g. the 50% line of a win rate (Figure 1).</summary>
    public ReferenceLine? Reference { get; init; }

    /// <summary>Print each bar's value above it; readable when groups hold few bars.</summary>
    public bool ShowValues { get; init; }
}
