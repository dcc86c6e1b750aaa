using InstructGpt.Tasks;
using InstructGpt.Training.World;

namespace InstructGpt.Training.Tests.World;

public class CategoryMixTests
{
    [Fact]
    public void Table1SharesAreThePapers()
    {
        Assert.Equal(0.456, CategoryMix.Generation);
        Assert.Equal(0.019, CategoryMix.Extract);
        Assert.Equal(10, CategoryMix.Table1.Count);
        Assert.Equal(0.999, CategoryMix.Table1.Sum(t => t.Share), 9);
        Assert.Equal(Enum.GetValues<TaskCategory>().Order(), CategoryMix.Table1.Select(t => t.Category).Order());
    }

    [Theory]
    [InlineData(52)]
    [InlineData(400)]
    [InlineData(3080)]
    [InlineData(87_850)]
    public void ApportioningGivesEveryCategoryItsShareRounded(int total)
    {
        var counts = CategoryMix.Apportion(total);
        Assert.Equal(total, counts.Values.Sum());
        foreach (var (category, _) in CategoryMix.Table1)
        {
            Assert.True(Math.Abs(counts[category] - total * CategoryMix.ShareOf(category)) < 1, $"{category}: {counts[category]}");
        }
    }

    [Fact]
    public void TheDefaultWorldsPromptCountIsWithinAPointOfTable1InEveryCategory()
    {
        var scale = WorldScale.For(WorldSize.Default);
        var total = scale.TrainPrompts + scale.ValidPrompts + scale.Test;
        var sequence = CategoryMix.Sequence(total, new WorldRandom(1));
        foreach (var (category, share) in CategoryMix.Table1)
        {
            Assert.InRange(sequence.Count(c => c == category) / (double)total, share - 0.01, share + 0.01);
        }
    }

    [Fact]
    public void SequencesAreShuffledButKeepTheirCounts()
    {
        var first = CategoryMix.Sequence(200, new WorldRandom(1));
        var second = CategoryMix.Sequence(200, new WorldRandom(2));
        Assert.NotEqual(first, second);
        Assert.Equal(first.Order(), second.Order());
    }
}
