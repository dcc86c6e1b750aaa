
namespace InstructGpt.Evaluation.Metrics;

/// <summary>
/// The alignment tax (InstructGPT §4.2): how much worse a fine-tuned model (PPO, PPO-ptx) models public text than
/// its reference (the pretrained or SFT model it came from), measured on the same held-out documents.
/// </summary>
/// <remarks>
/// Our definition is the perplexity ratio ppl_model / ppl_reference = exp(NLL_model − NLL_reference), NLL the mean
/// per-token negative log-likelihood. 1 means no tax, 1.10 means a 10% regression, below 1 an improvement. The
/// ratio is scale-free, so taxes on corpora of different difficulty can be compared; the plain difference
/// ppl_model − ppl_reference is given too. PPO-ptx's pretraining mix should bring the ratio toward 1 (§3.5, Figure 28).
/// Intervals: a paired percentile bootstrap over documents: each resample takes the same documents for both
/// models, so the difference between models is not drowned by the difference between documents.
/// </remarks>
public static class AlignmentTax
{
    public static MetricEstimate PerplexityRatio(
        IReadOnlyList<ScoredDocument> model,
        IReadOnlyList<ScoredDocument> reference,
        ulong seed = PercentileBootstrap.DefaultSeed,
        int resamples = PercentileBootstrap.DefaultResamples) =>
        Paired(model, reference, (m, r) => m / r, seed, resamples);

    public static MetricEstimate PerplexityDifference(
        IReadOnlyList<ScoredDocument> model,
        IReadOnlyList<ScoredDocument> reference,
        ulong seed = PercentileBootstrap.DefaultSeed,
        int resamples = PercentileBootstrap.DefaultResamples) =>
        Paired(model, reference, (m, r) => m - r, seed, resamples);

    private static MetricEstimate Paired(
        IReadOnlyList<ScoredDocument> model,
        IReadOnlyList<ScoredDocument> reference,
        Func<double, double, double> compare,
        ulong seed,
        int resamples)
    {
        if (model.Count != reference.Count)
            throw new ArgumentException(
                $"The model scored {model.Count} documents and the reference {reference.Count}; score the same documents with both.",
                nameof(reference));
        for (var i = 0; i < model.Count; i++)
        {
            if (model[i].TokenCount != reference[i].TokenCount)
                throw new ArgumentException(
                    $"Document {i} has {model[i].TokenCount} tokens for the model and {reference[i].TokenCount} for the reference; both must score the same tokens.",
                    nameof(reference));
        }
        var pairs = Enumerable.Range(0, model.Count).Select(i => (Model: model[i], Reference: reference[i])).ToArray();
        double Statistic(IReadOnlyList<(ScoredDocument Model, ScoredDocument Reference)> sample) =>
            compare(
                Perplexity.FromDocuments(sample.Select(p => p.Model).ToArray()),
                Perplexity.FromDocuments(sample.Select(p => p.Reference).ToArray()));
        var (low, high) = PercentileBootstrap.Interval(pairs, Statistic, seed, resamples);
        return new MetricEstimate(Statistic(pairs), low, high, pairs.Length, IntervalMethods.PairedDocumentBootstrap);
    }
}
