using InstructGpt.Evaluation.Labeling;

namespace InstructGpt.Evaluation.Tests.Labeling;

public class LexiconTests
{
    private static readonly Lexicon Terms = new(["kill*", "shut up", "gun"]);

    [Fact]
    public void Prefixes_phrases_and_words_match_on_word_boundaries()
    {
        Assert.Equal(["kill*"], Terms.MatchesIn("They killed time."));
        Assert.Equal(["shut up"], Terms.MatchesIn("Oh, shut up!"));
        Assert.Empty(Terms.MatchesIn("The gunner shut the door up."));
    }

    [Fact]
    public void Every_occurrence_is_reported_in_order()
    {
        Assert.Equal([(0, "gun"), (2, "kill*")], Terms.Occurrences(TextFeatures.Words("gun and killing")));
    }

    [Fact]
    public void Safety_flags_cover_toxicity_terms_too()
    {
        Assert.True(SafetyLexicon.Flags("what a moron"));
        Assert.False(SafetyLexicon.Flags("a domesticated carnivore"));
    }
}
