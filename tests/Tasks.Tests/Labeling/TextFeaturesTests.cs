
using InstructGpt.Tasks.Labeling;

namespace InstructGpt.Tasks.Tests.Labeling;

public class TextFeaturesTests
{
    [Fact]
    public void SentencesSplitOnEndPunctuationAndLines()
    {
        Assert.Equal(2, TextFeatures.Sentences("A dog barks. A cat meows!").Count);
        Assert.Equal(3, TextFeatures.Sentences("one\ntwo\nthree").Count);
        Assert.Single(TextFeatures.Sentences("Is it? "));
    }

    [Theory]
    [InlineData("1. poodle\n2. corgi\n3. beagle", 3)]
    [InlineData("- poodle\n- corgi", 2)]
    [InlineData("poodle, corgi and beagle", 3)]
    [InlineData("A poodle.", 1)]
    [InlineData("", 0)]
    public void ListItemsAreNumberedLinesOrCommaSeparated(string text, int expected) =>
        Assert.Equal(expected, TextFeatures.ListItemCount(text));

    [Fact]
    public void StemsMatchPluralsAndSimpleVerbForms()
    {
        Assert.Equal(TextFeatures.Stem("dog"), TextFeatures.Stem("dogs"));
        Assert.Equal(TextFeatures.Stem("cook"), TextFeatures.Stem("cooks"));
        Assert.Equal(TextFeatures.Stem("berry"), TextFeatures.Stem("berries"));
    }

    [Fact]
    public void ContentStemsDropStopWordsAndListNumbersButKeepOtherNumbers()
    {
        Assert.Equal(["dog", "carnivor"], TextFeatures.ContentStems("A dog is a carnivore."));
        Assert.Equal(["poodl", "corgi"], TextFeatures.ContentStems("1. poodle\n2. corgi"));
        Assert.Contains("3", TextFeatures.ContentStems("The word has 3 letters."));
    }

    [Fact]
    public void RepetitionIsTheShareOfRepeatedTrigrams()
    {
        Assert.Equal(0, TextFeatures.RepeatedTrigramFraction("a b c d e f g"));
        Assert.True(TextFeatures.RepeatedTrigramFraction("a b c a b c a b c a b c") > 0.6);
    }

    [Fact]
    public void LongestSharedRunCountsConsecutiveWords()
    {
        Assert.Equal(3, TextFeatures.LongestSharedRun(["x", "a", "b", "c", "y"], ["a", "b", "c", "d"]));
    }
}
