using InstructGpt.Evaluation.Metrics;
using InstructGpt.Tasks.Labeling;

namespace InstructGpt.Evaluation.Reports;

/// <summary>The order metrics appear in reports: the paper's headline first (Figure 1), then Figures 5, 4 and 7, then the alignment tax.</summary>
internal static class MetricOrder
{
    public static int Rank(string metric)
    {
        if (metric == MetricNames.WinRate) return 0;
        if (metric == MetricNames.LikertMean) return 1;
        if (metric == MetricNames.RewardModelScoreMean) return 2;
        var flag = MetadataFlags.Figure4.ToList().IndexOf(metric);
        if (flag >= 0) return 10 + flag;
        if (metric.StartsWith("expected_max_toxicity_", StringComparison.Ordinal)) return 30;
        if (metric.StartsWith("toxicity_probability_", StringComparison.Ordinal)) return 31;
        if (metric.StartsWith("mean_toxicity_", StringComparison.Ordinal)) return 32;
        if (metric == MetricNames.Perplexity) return 40;
        if (metric == MetricNames.AlignmentTaxPerplexityRatio) return 41;
        if (metric == MetricNames.AlignmentTaxPerplexityDifference) return 42;
        return 20; // other metadata flags, after Figure 4's
    }

    /// <summary>Rates shown as percentages; everything else (scores, means, perplexities) as plain numbers.</summary>
    public static bool IsProportion(string metric) =>
        metric == MetricNames.WinRate
        || metric.StartsWith("toxicity_probability_", StringComparison.Ordinal)
        || MetadataFlags.Figure4.Contains(metric);
}
