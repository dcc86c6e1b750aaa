using InstructGpt.Evaluation.Metrics;

namespace InstructGpt.Evaluation.Tests.Metrics;

public class MeanIntervalTests
{
    [Fact]
    public void StudentTIntervalForThreeValues()
    {
        // {1, 2, 3}: mean 2, s = 1, s/√3 = 0.57735, t(0.975, 2) = 4.30265
        //   half-width = 4.30265 · 0.57735 = 2.48414 → [−0.4841, 4.4841]
        var estimate = MeanInterval.StudentT([1, 2, 3]);

        Assert.Equal(2, estimate.Value, 12);
        Assert.Equal(-0.4841, estimate.CiLow!.Value, 4);
        Assert.Equal(4.4841, estimate.CiHigh!.Value, 4);
        Assert.Equal(3, estimate.N);
        Assert.Equal(IntervalMethods.StudentT, estimate.Method);
    }

    [Fact]
    public void StudentTIntervalForEightLikertScores()
    {
        // {2, 4, 4, 4, 5, 5, 7, 9}: mean 5, Σ(x − 5)² = 32, s = √(32/7) = 2.13809, s/√8 = 0.755929,
        // t(0.975, 7) = 2.364624 → half-width 1.787488 → [3.2125, 6.7875]
        var estimate = MeanInterval.StudentT([2, 4, 4, 4, 5, 5, 7, 9]);

        Assert.Equal(5, estimate.Value, 12);
        Assert.Equal(3.2125, estimate.CiLow!.Value, 4);
        Assert.Equal(6.7875, estimate.CiHigh!.Value, 4);
    }

    [Fact]
    public void AScaleClipsTheIntervalToWhereTheMeanCanBe()
    {
        // {1, 2, 3} on the 1–7 Likert scale: the t interval [−0.4841, 4.4841] is clipped below at 1.
        var estimate = MeanInterval.StudentT([1, 2, 3], (1, 7));

        Assert.Equal(1, estimate.CiLow!.Value, 12);
        Assert.Equal(4.4841, estimate.CiHigh!.Value, 4);
    }

    [Fact]
    public void OneValueHasAMeanButNoInterval()
    {
        var estimate = MeanInterval.StudentT([4]);

        Assert.Equal(4, estimate.Value);
        Assert.Null(estimate.CiLow);
        Assert.Null(estimate.CiHigh);
    }

    [Fact]
    public void ConstantValuesHaveAZeroWidthInterval()
    {
        var estimate = MeanInterval.StudentT([6, 6, 6, 6]);

        Assert.Equal(6, estimate.CiLow!.Value, 12);
        Assert.Equal(6, estimate.CiHigh!.Value, 12);
    }

    [Fact]
    public void NoValuesIsAnError()
    {
        Assert.Throws<ArgumentException>(() => MeanInterval.StudentT([]));
    }
}
