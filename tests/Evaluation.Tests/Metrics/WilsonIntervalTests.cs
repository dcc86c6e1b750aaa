using InstructGpt.Evaluation.Metrics;

namespace InstructGpt.Evaluation.Tests.Metrics;

public class WilsonIntervalTests
{
    // Wilson (1927): centre = (p + z²/2n) / (1 + z²/n), half-width = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n), z = 1.95996.

    [Fact]
    public void ThreeOfTen()
    {
        // p = 0.3, z² = 3.84146
        //   denominator = 1 + 0.384146 = 1.384146
        //   centre      = (0.3 + 0.192073) / 1.384146 = 0.355506
        //   half-width  = 1.95996 · √(0.021 + 0.0096037) / 1.384146 = 1.95996 · 0.174939 / 1.384146 = 0.247714
        //   → [0.1078, 0.6032]
        var (low, high) = WilsonInterval.Compute(3, 10);

        Assert.Equal(0.1078, low, 4);
        Assert.Equal(0.6032, high, 4);
    }

    [Fact]
    public void FiftyOfAHundred()
    {
        // p = 0.5
        //   denominator = 1 + 0.0384146 = 1.0384146
        //   centre      = (0.5 + 0.0192073) / 1.0384146 = 0.5 (symmetric)
        //   half-width  = 1.95996 · √(0.0025 + 0.00009604) / 1.0384146 = 1.95996 · 0.0509513 / 1.0384146 = 0.0961685
        //   → [0.4038, 0.5962]
        var (low, high) = WilsonInterval.Compute(50, 100);

        Assert.Equal(0.4038, low, 4);
        Assert.Equal(0.5962, high, 4);
    }

    [Fact]
    public void ZeroAndAllSuccessesStayInsideZeroOne()
    {
        // k = 0: centre = half-width = (z²/2n)/(1+z²/n), so the low end is exactly 0; high = z²/n / (1 + z²/n) = 0.27753.
        var (low0, high0) = WilsonInterval.Compute(0, 10);
        var (low10, high10) = WilsonInterval.Compute(10, 10);

        Assert.Equal(0, low0, 12);
        Assert.Equal(0.2775, high0, 4);
        Assert.Equal(0.7225, low10, 4);
        Assert.Equal(1, high10, 12);
    }

    [Fact]
    public void ProportionOfOutcomesCountsTheTrueOnes()
    {
        var estimate = WilsonInterval.Proportion([true, false, false, true, false, false, false, true, false, false]);

        Assert.Equal(0.3, estimate.Value, 12);
        Assert.Equal(10, estimate.N);
        Assert.Equal(0.1078, estimate.CiLow!.Value, 4);
        Assert.Equal(IntervalMethods.Wilson, estimate.Method);
    }

    [Fact]
    public void BadCountsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonInterval.Compute(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonInterval.Compute(11, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonInterval.Compute(-1, 10));
    }
}
