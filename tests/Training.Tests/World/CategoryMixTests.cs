using InstructGpt.Evaluation.Tasks;
using InstructGpt.Training.World;

namespace InstructGpt.Training.Tests.World;

public class CategoryMixTests
{
    [Fact]
    public void Table_1_shares_are_the_papers()
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
    public void Apportioning_gives_every_category_its_share_rounded(int total)
    {
        var counts = CategoryMix.Apportion(total);
        Assert.Equal(total, counts.Values.Sum());
        foreach (var (category, _) in CategoryMix.Table1)
        {
            Assert.True(Math.Abs(counts[category] - total * CategoryMix.ShareOf(category)) < 1, $"{category}: {counts[category]}");
        }
    }

    [Fact]
    public void The_default_worlds_prompt_count_is_within_a_point_of_Table_1_in_every_category()
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
    public void Sequences_are_shuffled_but_keep_their_counts()
    {
        var first = CategoryMix.Sequence(200, new WorldRandom(1));
        var second = CategoryMix.Sequence(200, new WorldRandom(2));
        Assert.NotEqual(first, second);
        Assert.Equal(first.Order(), second.Order());
    }
}
