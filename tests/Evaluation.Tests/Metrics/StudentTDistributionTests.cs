using InstructGpt.Evaluation.Metrics;

namespace InstructGpt.Evaluation.Tests.Metrics;

public class StudentTDistributionTests
{
    // Two-sided 95% critical values t(0.975, ν) from any printed t table (e.g. NIST/SEMATECH e-Handbook, Table 1.3.6.7.2).
    [Theory]
    [InlineData(1, 12.7062)]
    [InlineData(2, 4.3027)]
    [InlineData(4, 2.7764)]
    [InlineData(7, 2.3646)]
    [InlineData(9, 2.2622)]
    [InlineData(29, 2.0452)]
    [InlineData(1000, 1.9623)]
    public void QuantileMatchesTheTTable(int degreesOfFreedom, double expected)
    {
        Assert.Equal(expected, StudentTDistribution.Quantile(0.975, degreesOfFreedom), 4);
    }

    [Fact]
    public void QuantileIsSymmetricAndInvertsTheCdf()
    {
        var t = StudentTDistribution.Quantile(0.9, 5);

        Assert.Equal(-t, StudentTDistribution.Quantile(0.1, 5), 10);
        Assert.Equal(0.9, StudentTDistribution.Cdf(t, 5), 10);
        Assert.Equal(0.5, StudentTDistribution.Cdf(0, 3), 12);
    }

    [Fact]
    public void OneDegreeOfFreedomIsTheCauchyDistribution()
    {
        // t(1) is Cauchy: CDF(t) = 1/2 + atan(t)/π.
        foreach (var t in new[] { -3.0, -0.5, 0.25, 1.0, 7.0 })
            Assert.Equal(0.5 + Math.Atan(t) / Math.PI, StudentTDistribution.Cdf(t, 1), 10);
    }

    [Fact]
    public void LogGammaMatchesFactorials()
    {
        Assert.Equal(Math.Log(24), StudentTDistribution.LogGamma(5), 12); // Γ(5) = 4!
        Assert.Equal(0.5 * Math.Log(Math.PI), StudentTDistribution.LogGamma(0.5), 12); // Γ(½) = √π
    }
}
