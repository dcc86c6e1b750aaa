using InstructGpt.Evaluation.Metrics;

namespace InstructGpt.Evaluation.Tests.Metrics;

public class PerplexityTests
{
    [Fact]
    public void Perplexity_is_exp_of_the_mean_negative_log_probability()
    {
        // Tokens with p = 1/2, 1/4, 1/8: Σ ln p = −ln 64, N = 3 → exp(ln 64 / 3) = 64^(1/3) = 4.
        double sum = Math.Log(0.5) + Math.Log(0.25) + Math.Log(0.125);

        Assert.Equal(4, Perplexity.FromLogProbs(sum, 3), 10);
    }

    [Fact]
    public void A_uniform_model_has_the_vocabulary_size_as_perplexity()
    {
        const int vocabulary = 50257; // GPT-2
        int tokens = 100;

        Assert.Equal(vocabulary, Perplexity.FromLogProbs(tokens * Math.Log(1.0 / vocabulary), tokens), 6);
    }

    [Fact]
    public void Documents_pool_tokens_rather_than_average_perplexities()
    {
        // One 1-token document at p = 1/2 and one 3-token document at p = 1/8 per token:
        // pooled: exp((ln 2 + 3 ln 8) / 4) = exp(10 ln 2 / 4) = 2^2.5 = 5.65685; the average of 2 and 8 would be 5.
        ScoredDocument[] documents = [new(Math.Log(0.5), 1), new(3 * Math.Log(0.125), 3)];

        Assert.Equal(Math.Pow(2, 2.5), Perplexity.FromDocuments(documents), 10);
    }

    [Fact]
    public void Estimate_has_a_bootstrap_interval_over_documents()
    {
        ScoredDocument[] documents = [new(-10, 5), new(-12, 5), new(-8, 5), new(-11, 5), new(-9, 5)];

        var estimate = Perplexity.Estimate(documents, seed: 2);

        Assert.Equal(Math.Exp(50.0 / 25), estimate.Value, 10);
        Assert.InRange(estimate.Value, estimate.CiLow!.Value, estimate.CiHigh!.Value);
        // Bounded by the easiest and hardest document's perplexity.
        Assert.InRange(estimate.CiLow.Value, Math.Exp(8.0 / 5), estimate.Value);
        Assert.InRange(estimate.CiHigh.Value, estimate.Value, Math.Exp(12.0 / 5));
    }

    [Fact]
    public void No_tokens_or_positive_log_probabilities_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Perplexity.FromLogProbs(-1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Perplexity.FromLogProbs(0.5, 3));
    }
}
