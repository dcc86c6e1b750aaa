using InstructGpt.Evaluation.Judges;
using InstructGpt.Evaluation.Metrics;
using InstructGpt.Evaluation.Runs;
using InstructGpt.Evaluation.Storage;

namespace InstructGpt.Evaluation.Tests.Runs;

public sealed class DocumentAggregatesTests
{
    // Two documents per model: gpt 10 tokens at ln p = -20 in all (ppl e^2), ppo -30 (e^3), ppo-ptx -25 (e^2.5).
    private static readonly DocumentScore[] Scores =
    [
        new("r", "gpt", "d1", -8, 4), new("r", "gpt", "d2", -12, 6),
        new("r", "ppo", "d1", -12, 4), new("r", "ppo", "d2", -18, 6),
        new("r", "ppo-ptx", "d1", -10, 4), new("r", "ppo-ptx", "d2", -15, 6),
    ];

    private static Aggregate Find(IReadOnlyList<Aggregate> aggregates, string model, string metric) =>
        aggregates.Single(a => a.Model == model && a.Metric == metric);

    [Fact]
    public void PerplexityPoolsTokensAndTheTaxComparesWithTheReference()
    {
        var aggregates = DocumentAggregates.Compute(Scores, ["ppo", "ppo-ptx", "gpt"], "gpt");

        Assert.Equal(Math.Exp(2), Find(aggregates, "gpt", MetricNames.Perplexity).Value, 12);
        Assert.Equal(Math.Exp(3), Find(aggregates, "ppo", MetricNames.Perplexity).Value, 12);
        // The tax: e^3 / e^2 = e for PPO; the pretraining mix halves it in log terms for PPO-ptx, e^0.5.
        Assert.Equal(Math.E, Find(aggregates, "ppo", MetricNames.AlignmentTaxPerplexityRatio).Value, 12);
        Assert.Equal(Math.Exp(0.5), Find(aggregates, "ppo-ptx", MetricNames.AlignmentTaxPerplexityRatio).Value, 12);
        Assert.Equal(Math.Exp(3) - Math.Exp(2), Find(aggregates, "ppo", MetricNames.AlignmentTaxPerplexityDifference).Value, 12);
        Assert.DoesNotContain(aggregates, a => a.Model == "gpt" && a.Metric != MetricNames.Perplexity);
        Assert.All(aggregates, a => Assert.Equal((JudgeNames.LogLikelihood, Aggregate.AllCategories, 2), (a.Judge, a.Category, a.N)));
    }

    [Fact]
    public void TheTaxUsesOnlyDocumentsBothModelsScored()
    {
        var partial = Scores.Where(s => !(s.Model == "ppo" && s.DocumentId == "d2")).ToArray();

        var aggregates = DocumentAggregates.Compute(partial, ["ppo", "gpt"], "gpt");

        // d1 only: ppo e^3 against gpt e^2.
        Assert.Equal(Math.E, Find(aggregates, "ppo", MetricNames.AlignmentTaxPerplexityRatio).Value, 12);
        Assert.Equal(1, Find(aggregates, "ppo", MetricNames.AlignmentTaxPerplexityRatio).N);
    }

    [Fact]
    public void WithoutTheReferenceThereIsPerplexityButNoTax()
    {
        var aggregates = DocumentAggregates.Compute(Scores.Where(s => s.Model != "gpt").ToArray(), ["ppo", "ppo-ptx", "gpt"], "gpt");

        Assert.Equal([MetricNames.Perplexity], aggregates.Select(a => a.Metric).Distinct());
    }
}
