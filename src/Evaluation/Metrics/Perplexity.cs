
namespace InstructGpt.Evaluation.Metrics;

/// <summary>
/// Perplexity = exp(−Σ ln p / N) over all scored tokens of a corpus (pooled per token, not averaged per document,
/// so a long document weighs by its length). The alignment tax (InstructGPT §4.2, Figure 28) is measured as the
/// regression of this number on public text from the pretraining distribution.
/// </summary>
public static class Perplexity
{
    public static double FromLogProbs(double sumLogProb, long tokenCount)
    {
        if (tokenCount <= 0)
            throw new ArgumentOutOfRangeException(nameof(tokenCount), tokenCount, "Perplexity needs at least one scored token.");
        if (sumLogProb > 0 || double.IsNaN(sumLogProb))
            throw new ArgumentOutOfRangeException(nameof(sumLogProb), sumLogProb, "A sum of log-probabilities is at most 0.");
        return Math.Exp(-sumLogProb / tokenCount);
    }

    public static double FromDocuments(IReadOnlyList<ScoredDocument> documents)
    {
        double sum = 0;
        long tokens = 0;
        foreach (var document in documents)
        {
            sum += document.SumLogProb;
            tokens += document.TokenCount;
        }
        return FromLogProbs(sum, tokens);
    }

    /// <summary>Corpus perplexity with a percentile bootstrap over documents (tokens within a document are not independent).</summary>
    public static MetricEstimate Estimate(
        IReadOnlyList<ScoredDocument> documents,
        ulong seed = PercentileBootstrap.DefaultSeed,
        int resamples = PercentileBootstrap.DefaultResamples)
    {
        var (low, high) = PercentileBootstrap.Interval(documents, FromDocuments, seed, resamples);
        return new MetricEstimate(FromDocuments(documents), low, high, documents.Count, IntervalMethods.DocumentBootstrap);
    }
}
