using InstructGpt.Evaluation.Metrics;

namespace InstructGpt.Evaluation.Tests.Metrics;

public class PercentileBootstrapTests
{
    private static readonly double[] LikertScores = [3, 5, 4, 6, 2, 7, 5, 4, 4, 6, 3, 5, 6, 1, 5, 4, 7, 5, 3, 4];

    /// <summary>Continuous values (reward-model scores): resampled means rarely tie, so two seeds' endpoints differ.</summary>
    private static readonly double[] RewardScores = [0.31, -1.27, 0.88, 2.05, -0.42, 1.13, 0.07, -0.96, 1.61, 0.49, -0.18, 0.73];

    [Fact]
    public void SameSeedGivesTheSameInterval()
    {
        var first = PercentileBootstrap.Mean(RewardScores, seed: 42);
        var second = PercentileBootstrap.Mean(RewardScores, seed: 42);

        Assert.Equal(first, second);
    }

    [Fact]
    public void DifferentSeedsGiveDifferentIntervals()
    {
        var first = PercentileBootstrap.Mean(RewardScores, seed: 42);
        var second = PercentileBootstrap.Mean(RewardScores, seed: 43);

        Assert.Equal(first.Value, second.Value);
        Assert.NotEqual((first.CiLow, first.CiHigh), (second.CiLow, second.CiHigh));
    }

    [Fact]
    public void IntervalBracketsTheMeanAndAgreesRoughlyWithStudentT()
    {
        var bootstrap = PercentileBootstrap.Mean(LikertScores, seed: 7);
        var studentT = MeanInterval.StudentT(LikertScores);

        Assert.Equal(4.45, bootstrap.Value, 12);
        Assert.InRange(bootstrap.Value, bootstrap.CiLow!.Value, bootstrap.CiHigh!.Value);
        // Both estimate the same sampling spread (s/√n ≈ 0.37); they may differ by Monte Carlo noise, not by much.
        Assert.Equal(studentT.CiLow!.Value, bootstrap.CiLow.Value, 0.2);
        Assert.Equal(studentT.CiHigh!.Value, bootstrap.CiHigh.Value, 0.2);
        Assert.Equal(IntervalMethods.PercentileBootstrap, bootstrap.Method);
    }

    [Fact]
    public void ConstantDataGivesAPointInterval()
    {
        var (low, high) = PercentileBootstrap.Interval([2.5, 2.5, 2.5], values => values.Average(), seed: 1, resamples: 50);

        Assert.Equal(2.5, low);
        Assert.Equal(2.5, high);
    }

    [Fact]
    public void QuantileInterpolatesBetweenOrderStatistics()
    {
        double[] sorted = [10, 20, 30, 40, 50];

        // Hyndman–Fan type 7: h = (n − 1)p. p = 0.1 → h = 0.4 → 10 + 0.4·10 = 14.
        Assert.Equal(14, PercentileBootstrap.Quantile(sorted, 0.1), 12);
        Assert.Equal(30, PercentileBootstrap.Quantile(sorted, 0.5), 12);
        Assert.Equal(50, PercentileBootstrap.Quantile(sorted, 1.0), 12);
    }
}
