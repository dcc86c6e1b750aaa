using InstructGpt.Evaluation.Metrics;

namespace InstructGpt.Evaluation.Tests.Metrics;

public class AlignmentTaxTests
{
    private static readonly ScoredDocument[] Reference = [new(-10, 5), new(-20, 8), new(-6, 4)];

    /// <summary>The same documents, each token half as likely (ln p lower by ln 2): perplexity exactly doubles.</summary>
    private static readonly ScoredDocument[] HalfAsLikely =
        Reference.Select(d => new ScoredDocument(d.SumLogProb - d.TokenCount * Math.Log(2), d.TokenCount)).ToArray();

    [Fact]
    public void RatioIsModelPerplexityOverReferencePerplexity()
    {
        var tax = AlignmentTax.PerplexityRatio(HalfAsLikely, Reference, seed: 1);

        Assert.Equal(2, tax.Value, 10);
        // Every resample doubles every token's perplexity, so the paired interval has no width.
        Assert.Equal(2, tax.CiLow!.Value, 10);
        Assert.Equal(2, tax.CiHigh!.Value, 10);
        Assert.Equal(IntervalMethods.PairedDocumentBootstrap, tax.Method);
    }

    [Fact]
    public void DifferenceIsModelPerplexityMinusReferencePerplexity()
    {
        // Reference perplexity: exp(36 / 17); the model's is twice that, so the difference equals the reference's.
        var referencePerplexity = Math.Exp(36.0 / 17);

        var tax = AlignmentTax.PerplexityDifference(HalfAsLikely, Reference, seed: 1);

        Assert.Equal(referencePerplexity, tax.Value, 8);
        Assert.InRange(tax.Value, tax.CiLow!.Value, tax.CiHigh!.Value);
    }

    [Fact]
    public void NoTaxIsARatioOfOne()
    {
        Assert.Equal(1, AlignmentTax.PerplexityRatio(Reference, Reference).Value, 12);
    }

    [Fact]
    public void ModelsMustScoreTheSameDocuments()
    {
        Assert.Throws<ArgumentException>(() => AlignmentTax.PerplexityRatio(Reference[..2], Reference));
        Assert.Throws<ArgumentException>(() => AlignmentTax.PerplexityRatio([new(-10, 6), Reference[1], Reference[2]], Reference));
    }
}
