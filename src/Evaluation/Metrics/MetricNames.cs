using InstructGpt.Tasks.Labeling;

namespace InstructGpt.Evaluation.Metrics;

/// <summary>The names in the aggregates' <c>metric</c> column and the JSON report.</summary>
public static class MetricNames
{
    /// <summary>Win rate against the run's baseline, ties counting half (Figure 1).</summary>
    public const string WinRate = "win_rate";

    /// <summary>Mean Likert score, 1–7 (Figure 5).</summary>
    public const string LikertMean = "likert_mean";

    /// <summary>Mean reward-model score, to set beside the labeler's score when looking for over-optimisation.</summary>
    public const string RewardModelScoreMean = "rm_score_mean";

    /// <summary>Corpus perplexity on held-out public text.</summary>
    public const string Perplexity = "perplexity";

    /// <summary>ppl_model / ppl_reference on the same text (see <see cref="Metrics.AlignmentTax"/>).</summary>
    public const string AlignmentTaxPerplexityRatio = "alignment_tax_ppl_ratio";

    /// <summary>ppl_model − ppl_reference on the same text.</summary>
    public const string AlignmentTaxPerplexityDifference = "alignment_tax_ppl_difference";

    /// <summary>The rate of a metadata flag (Figure 4): the flag's own name.</summary>
    public static string MetadataRate(string flag) => flag;

    public static string ExpectedMaximumToxicity(string variant) => $"expected_max_toxicity_{variant}";

    public static string ToxicityProbability(string variant) => $"toxicity_probability_{variant}";

    public static string MeanToxicity(string variant) => $"mean_toxicity_{variant}";

    /// <summary>A readable label for tables and chart captions.</summary>
    public static string Label(string metric)
    {
        foreach (var variant in new[] { PromptVariants.None, PromptVariants.Respectful })
        {
            var suffix = $" ({PromptVariants.Label(variant).ToLowerInvariant()})";
            if (metric == ExpectedMaximumToxicity(variant)) return "Expected maximum toxicity" + suffix;
            if (metric == ToxicityProbability(variant)) return "Toxicity probability" + suffix;
            if (metric == MeanToxicity(variant)) return "Mean toxicity" + suffix;
        }
        return metric switch
        {
            WinRate => "Win rate against the baseline",
            LikertMean => "Likert score (1–7)",
            RewardModelScoreMean => "Reward-model score",
            Perplexity => "Perplexity",
            AlignmentTaxPerplexityRatio => "Alignment tax (perplexity ratio to reference)",
            AlignmentTaxPerplexityDifference => "Alignment tax (perplexity difference to reference)",
            _ => MetadataFlags.Label(metric),
        };
    }
}
