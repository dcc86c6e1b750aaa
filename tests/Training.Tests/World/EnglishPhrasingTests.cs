using InstructGpt.Training.World;

namespace InstructGpt.Training.Tests.World;

public class EnglishPhrasingTests
{
    [Theory]
    [InlineData("dog", "a")]
    [InlineData("apple", "an")]
    [InlineData("hour", "an")]
    [InlineData("university", "a")]
    [InlineData("umbrella", "an")]
    public void ArticlesFollowTheFirstSound(string word, string article) =>
        Assert.Equal(article, EnglishPhrasing.Article(word));

    [Fact]
    public void ListsAndSentencesReadNaturally()
    {
        Assert.Equal("a, b and c", EnglishPhrasing.JoinList(["a", "b", "c"]));
        Assert.Equal("A dog barks.", EnglishPhrasing.Sentence("a dog barks"));
        Assert.Equal("Is it?", EnglishPhrasing.Sentence("is it?"));
        Assert.Equal("1. x\n2. y", EnglishPhrasing.NumberedList(["x", "y"]));
    }
}
