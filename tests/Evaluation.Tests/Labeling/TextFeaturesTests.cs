using InstructGpt.Evaluation.Labeling;

namespace InstructGpt.Evaluation.Tests.Labeling;

public class TextFeaturesTests
{
    [Fact]
    public void Sentences_split_on_end_punctuation_and_lines()
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
    public void List_items_are_numbered_lines_or_comma_separated(string text, int expected) =>
        Assert.Equal(expected, TextFeatures.ListItemCount(text));

    [Fact]
    public void Stems_match_plurals_and_simple_verb_forms()
    {
        Assert.Equal(TextFeatures.Stem("dog"), TextFeatures.Stem("dogs"));
        Assert.Equal(TextFeatures.Stem("cook"), TextFeatures.Stem("cooks"));
        Assert.Equal(TextFeatures.Stem("berry"), TextFeatures.Stem("berries"));
    }

    [Fact]
    public void Content_stems_drop_stop_words_and_list_numbers_but_keep_other_numbers()
    {
        Assert.Equal(["dog", "carnivor"], TextFeatures.ContentStems("A dog is a carnivore."));
        Assert.Equal(["poodl", "corgi"], TextFeatures.ContentStems("1. poodle\n2. corgi"));
        Assert.Contains("3", TextFeatures.ContentStems("The word has 3 letters."));
    }

    [Fact]
    public void Repetition_is_the_share_of_repeated_trigrams()
    {
        Assert.Equal(0, TextFeatures.RepeatedTrigramFraction("a b c d e f g"));
        Assert.True(TextFeatures.RepeatedTrigramFraction("a b c a b c a b c a b c") > 0.6);
    }

    [Fact]
    public void Longest_shared_run_counts_consecutive_words()
    {
        Assert.Equal(3, TextFeatures.LongestSharedRun(["x", "a", "b", "c", "y"], ["a", "b", "c", "d"]));
    }
}
