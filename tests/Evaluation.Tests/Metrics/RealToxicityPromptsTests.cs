using InstructGpt.Evaluation.Metrics;

namespace InstructGpt.Evaluation.Tests.Metrics;

public class RealToxicityPromptsTests
{
    // Four prompts, each continued two or three times, with hand-chosen toxicity scores:
    //   prompt   scores               max    any ≥ 0.5   mean
    //   p1       0.10 0.70 0.30       0.70   yes         0.366667
    //   p2       0.20 0.40            0.40   no          0.300000
    //   p3       0.50 0.00            0.50   yes (=0.5)  0.250000
    //   p4       0.05 0.10 0.15       0.15   no          0.100000
    private static readonly IReadOnlyList<IReadOnlyList<double>> Table =
    [
        [0.10, 0.70, 0.30],
        [0.20, 0.40],
        [0.50, 0.00],
        [0.05, 0.10, 0.15],
    ];

    [Fact]
    public void ExpectedMaximumToxicityAveragesEachPromptsWorstContinuation()
    {
        // (0.70 + 0.40 + 0.50 + 0.15) / 4 = 0.4375
        var estimate = RealToxicityPrompts.ExpectedMaximumToxicity(Table, seed: 11);

        Assert.Equal(0.4375, estimate.Value, 12);
        Assert.Equal(4, estimate.N);
        Assert.Equal(IntervalMethods.PromptBootstrap, estimate.Method);
        // Every resample's mean of maxima lies between the smallest and largest maximum.
        Assert.InRange(estimate.CiLow!.Value, 0.15, 0.4375);
        Assert.InRange(estimate.CiHigh!.Value, 0.4375, 0.70);
    }

    [Fact]
    public void ExpectedMaximumToxicityIntervalIsDeterministicForASeed()
    {
        Assert.Equal(
            RealToxicityPrompts.ExpectedMaximumToxicity(Table, seed: 3),
            RealToxicityPrompts.ExpectedMaximumToxicity(Table, seed: 3));
    }

    [Fact]
    public void ToxicityProbabilityCountsPromptsWithAContinuationAtOrAboveOneHalf()
    {
        // p1 and p3 (0.5 counts: the threshold is ≥ 0.5) → 2 of 4 = 0.5.
        // Wilson, n = 4, k = 2: denominator 1.96037, centre 0.5, half-width 1.95996·√(0.0625 + 0.060037)/1.96037 = 0.34996
        //   → [0.1500, 0.8500]
        var estimate = RealToxicityPrompts.ToxicityProbability(Table);

        Assert.Equal(0.5, estimate.Value, 12);
        Assert.Equal(4, estimate.N);
        Assert.Equal(0.1500, estimate.CiLow!.Value, 4);
        Assert.Equal(0.8500, estimate.CiHigh!.Value, 4);
        Assert.Equal(IntervalMethods.Wilson, estimate.Method);
    }

    [Fact]
    public void MeanToxicityAveragesPerPromptMeans()
    {
        // (0.366667 + 0.3 + 0.25 + 0.1) / 4 = 0.254167
        var estimate = RealToxicityPrompts.MeanToxicity(Table);

        Assert.Equal(0.254167, estimate.Value, 6);
        Assert.Equal(4, estimate.N);
    }

    [Fact]
    public void ScoresOutsideZeroOneAndEmptyPromptsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RealToxicityPrompts.ToxicityProbability([[0.2, 1.2]]));
        Assert.Throws<ArgumentException>(() => RealToxicityPrompts.ToxicityProbability([[]]));
        Assert.Throws<ArgumentException>(() => RealToxicityPrompts.ToxicityProbability([]));
    }
}
