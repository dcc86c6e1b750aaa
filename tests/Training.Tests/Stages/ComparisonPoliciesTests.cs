using InstructGpt.Training.Stages;

namespace InstructGpt.Training.Tests.Stages;

public class ComparisonPoliciesTests
{
    private static readonly Dictionary<string, double> QuarterBase = new() { ["base"] = 0.25 };

    [Theory]
    // K, SFT, base (round(K/4), halves away from zero), demonstration
    [InlineData(4, 2, 1, 1)]
    [InlineData(5, 3, 1, 1)]
    [InlineData(6, 3, 2, 1)] // 1.5 rounds up
    [InlineData(7, 4, 2, 1)]
    [InlineData(8, 5, 2, 1)]
    [InlineData(9, 6, 2, 1)]
    public void TheSamplingModelWritesWhatTheOthersLeave(int k, int sft, int @base, int demonstration)
    {
        var allocation = ComparisonPolicies.Allocate(k, "sft", QuarterBase, demonstration: true);
        Assert.Equal([("sft", sft), ("base", @base), (ComparisonPolicies.Demonstration, demonstration)], allocation);
    }

    [Fact]
    public void WithoutOthersOrADemonstrationTheSamplingModelWritesAllK()
    {
        Assert.Equal([("sft", 7)], ComparisonPolicies.Allocate(7, "sft", new Dictionary<string, double>(), demonstration: false));
    }

    [Fact]
    public void SharesThatLeaveTheSamplingModelNothingAreRefusedBeforeAnythingRuns()
    {
        var settings = new ComparisonSettings { OtherPolicies = new Dictionary<string, double> { ["base"] = 0.5, ["ppo"] = 0.4 } };
        var error = Assert.Throws<ArgumentException>(() => ComparisonPolicies.Validate(settings, "sft"));
        Assert.Contains("comparisons.OtherPolicies: at K = 4", error.Message);

        var outOfRange = new ComparisonSettings { OtherPolicies = new Dictionary<string, double> { ["base"] = 1.5 } };
        Assert.Contains("comparisons.OtherPolicies.base: the share must be in (0, 1); got 1.5",
            Assert.Throws<ArgumentException>(() => ComparisonPolicies.Validate(outOfRange, "sft")).Message);

        var demonstration = new ComparisonSettings { OtherPolicies = new Dictionary<string, double> { [ComparisonPolicies.Demonstration] = 0.2 } };
        Assert.Contains("use comparisons.IncludeDemonstration",
            Assert.Throws<ArgumentException>(() => ComparisonPolicies.Validate(demonstration, "sft")).Message);
    }
}
