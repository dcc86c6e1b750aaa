using InstructGpt.Evaluation.Metrics;

namespace InstructGpt.Evaluation.Tests.Metrics;

public class PerplexityTests
{
    [Fact]
    public void PerplexityIsExpOfTheMeanNegativeLogProbability()
    {
        // Tokens with p = 1/2, 1/4, 1/8: Σ ln p = −ln 64, N = 3 → exp(ln 64 / 3) = 64^(1/3) = 4.
        var sum = Math.Log(0.5) + Math.Log(0.25) + Math.Log(0.125);

        Assert.Equal(4, Perplexity.FromLogProbs(sum, 3), 10);
    }

    [Fact]
    public void AUniformModelHasTheVocabularySizeAsPerplexity()
    {
        const int vocabulary = 50257; // GPT-2
        var tokens = 100;

        Assert.Equal(vocabulary, Perplexity.FromLogProbs(tokens * Math.Log(1.0 / vocabulary), tokens), 6);
    }

    [Fact]
    public void DocumentsPoolTokensRatherThanAveragePerplexities()
    {
        // One 1-token document at p = 1/2 and one 3-token document at p = 1/8 per token:
        // pooled: exp((ln 2 + 3 ln 8) / 4) = exp(10 ln 2 / 4) = 2^2.5 = 5.65685; the average of 2 and 8 would be 5.
        ScoredDocument[] documents = [new(Math.Log(0.5), 1), new(3 * Math.Log(0.125), 3)];

        Assert.Equal(Math.Pow(2, 2.5), Perplexity.FromDocuments(documents), 10);
    }

    [Fact]
    public void EstimateHasABootstrapIntervalOverDocuments()
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
    public void NoTokensOrPositiveLogProbabilitiesAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Perplexity.FromLogProbs(-1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Perplexity.FromLogProbs(0.5, 3));
    }
}
