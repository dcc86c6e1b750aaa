using InstructGpt.Evaluation.Metrics;

namespace InstructGpt.Evaluation.Tests.Metrics;

public class WinRateTests
{
    [Fact]
    public void TiesCountHalfAWin()
    {
        // 3 wins, 2 ties, 5 losses: (3 + 2/2) / 10 = 0.4.
        var estimate = WinRate.FromCounts(wins: 3, ties: 2, losses: 5);

        Assert.Equal(0.4, estimate.Value, 12);
        Assert.Equal(10, estimate.N);
        Assert.Equal(IntervalMethods.WilsonTiesHalf, estimate.Method);
    }

    [Fact]
    public void IntervalIsWilsonOnWinsPlusHalfTheTies()
    {
        // Wilson with n = 10, successes = 4 (p = 0.4), z = 1.96:
        //   denominator = 1 + 3.8415/10 = 1.38415
        //   centre      = (0.4 + 3.8415/20) / 1.38415 = 0.59207 / 1.38415 = 0.42774
        //   half-width  = 1.96 · √(0.4·0.6/10 + 3.8415/400) / 1.38415 = 1.96 · √0.033604 / 1.38415 = 0.25958
        //   → [0.1682, 0.6873]
        var estimate = WinRate.FromCounts(wins: 3, ties: 2, losses: 5);

        Assert.Equal(0.1682, estimate.CiLow!.Value, 4);
        Assert.Equal(0.6873, estimate.CiHigh!.Value, 4);
    }

    [Fact]
    public void ResultsAreCountedLikeCounts()
    {
        PairwiseResult[] results =
        [
            PairwiseResult.Win, PairwiseResult.Loss, PairwiseResult.Tie, PairwiseResult.Win, PairwiseResult.Loss,
            PairwiseResult.Loss, PairwiseResult.Tie, PairwiseResult.Win, PairwiseResult.Loss, PairwiseResult.Loss,
        ];

        Assert.Equal(WinRate.FromCounts(3, 2, 5), WinRate.Compute(results));
    }

    [Fact]
    public void AllTiesAreExactlyOneHalf()
    {
        var estimate = WinRate.FromCounts(wins: 0, ties: 8, losses: 0);

        Assert.Equal(0.5, estimate.Value, 12);
        Assert.True(estimate.CiLow < 0.5 && estimate.CiHigh > 0.5);
    }

    [Fact]
    public void NoComparisonsIsAnError()
    {
        Assert.Throws<ArgumentException>(() => WinRate.FromCounts(0, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => WinRate.FromCounts(-1, 2, 3));
    }

    [Theory]
    [InlineData("win", PairwiseResult.Win)]
    [InlineData("tie", PairwiseResult.Tie)]
    [InlineData("loss", PairwiseResult.Loss)]
    public void ResultNamesRoundTrip(string name, PairwiseResult result)
    {
        Assert.Equal(name, result.ToName());
        Assert.Equal(result, PairwiseResultNames.Parse(name));
    }

    [Fact]
    public void UnknownResultNameIsRejected()
    {
        Assert.Throws<FormatException>(() => PairwiseResultNames.Parse("draw"));
    }
}
