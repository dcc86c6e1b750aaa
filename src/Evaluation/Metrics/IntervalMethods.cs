namespace InstructGpt.Evaluation.Metrics;

/// <summary>The names stored beside every estimate (the aggregates' <c>method</c> column) to say how its interval was made.</summary>
public static class IntervalMethods
{
    /// <summary>Wilson score interval on a proportion (Wilson 1927; Brown, Cai and DasGupta 2001).</summary>
    public const string Wilson = "wilson";

    /// <summary>Wilson score interval on wins + ties/2 out of all comparisons: see <see cref="WinRate"/>.</summary>
    public const string WilsonTiesHalf = "wilson_ties_half";

    /// <summary>Student-t interval on a mean: mean ± t(0.975, n−1)·s/√n.</summary>
    public const string StudentT = "student_t";

    /// <summary>Percentile bootstrap with a seeded SplitMix64 resampler (Efron and Tibshirani 1993, §13.3).</summary>
    public const string PercentileBootstrap = "bootstrap_percentile";

    /// <summary>Percentile bootstrap that resamples whole prompts, keeping a prompt's k samples together.</summary>
    public const string PromptBootstrap = "bootstrap_percentile_prompts";

    /// <summary>Percentile bootstrap that resamples documents, the same documents for a model and its reference.</summary>
    public const string PairedDocumentBootstrap = "bootstrap_percentile_paired_documents";

    /// <summary>Percentile bootstrap that resamples documents and recomputes the pooled per-token statistic.</summary>
    public const string DocumentBootstrap = "bootstrap_percentile_documents";
}
