using InstructGpt.Evaluation.Metrics;

namespace InstructGpt.Evaluation.Tests.Metrics;

public class AggregationTests
{
    private sealed record Likert(string Model, string Judge, string Category, double Score);

    private static readonly Likert[] Scores =
    [
        new("ppo", "labeler", "generation", 6),
        new("ppo", "labeler", "generation", 4),
        new("ppo", "labeler", "open_qa", 5),
        new("sft", "labeler", "generation", 3),
        new("sft", "labeler", "open_qa", 2),
        new("sft", "labeler", "open_qa", 4),
    ];

    [Fact]
    public void OverallThenEachCategoryPerModel()
    {
        var aggregates = Aggregation.PerModelAndCategory(
            Scores, s => s.Model, s => s.Judge, s => s.Category, MetricNames.LikertMean,
            group => MeanInterval.StudentT(group.Select(s => s.Score).ToArray())).ToArray();

        Assert.Equal(
            [("ppo", "all", 5.0, 3), ("ppo", "generation", 5.0, 2), ("ppo", "open_qa", 5.0, 1),
             ("sft", "all", 3.0, 3), ("sft", "generation", 3.0, 1), ("sft", "open_qa", 3.0, 2)],
            aggregates.Select(a => (a.Model, a.Category, a.Value, a.N)).ToArray());
        Assert.All(aggregates, a => Assert.Equal(MetricNames.LikertMean, a.Metric));
        Assert.All(aggregates, a => Assert.Equal("labeler", a.Judge));
    }

    [Fact]
    public void GroupsTheEstimatorDeclinesAreLeftOut()
    {
        var aggregates = Aggregation.PerModelAndCategory(
            Scores, s => s.Model, s => s.Judge, s => s.Category, "m",
            group => group.Count >= 2 ? MeanInterval.StudentT(group.Select(s => s.Score).ToArray()) : null).ToArray();

        Assert.DoesNotContain(aggregates, a => a.N < 2);
        Assert.Equal(4, aggregates.Length);
    }

    [Fact]
    public void PerModelGivesOnlyTheOverallCell()
    {
        var aggregates = Aggregation.PerModel(Scores, s => s.Model, s => s.Judge, "m",
            group => MeanInterval.StudentT(group.Select(s => s.Score).ToArray())).ToArray();

        Assert.Equal(["ppo", "sft"], aggregates.Select(a => a.Model));
        Assert.All(aggregates, a => Assert.Equal(Aggregate.AllCategories, a.Category));
    }

    [Fact]
    public void ACategoryNamedAllIsRefused()
    {
        Likert[] clash = [new("ppo", "labeler", "all", 5)];

        Assert.Throws<ArgumentException>(() => Aggregation.PerModelAndCategory(
            clash, s => s.Model, s => s.Judge, s => s.Category, "m",
            group => MeanInterval.StudentT(group.Select(s => s.Score).ToArray())).ToArray());
    }
}
