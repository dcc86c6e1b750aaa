
using InstructGpt.Tasks.Labeling;

namespace InstructGpt.Tasks.Tests.Labeling;

public class LexiconTests
{
    private static readonly Lexicon Terms = new(["kill*", "shut up", "gun"]);

    [Fact]
    public void PrefixesPhrasesAndWordsMatchOnWordBoundaries()
    {
        Assert.Equal(["kill*"], Terms.MatchesIn("They killed time."));
        Assert.Equal(["shut up"], Terms.MatchesIn("Oh, shut up!"));
        Assert.Empty(Terms.MatchesIn("The gunner shut the door up."));
    }

    [Fact]
    public void EveryOccurrenceIsReportedInOrder()
    {
        Assert.Equal([(0, "gun"), (2, "kill*")], Terms.Occurrences(TextFeatures.Words("gun and killing")));
    }

    [Fact]
    public void SafetyFlagsCoverToxicityTermsToo()
    {
        Assert.True(SafetyLexicon.Flags("what a moron"));
        Assert.False(SafetyLexicon.Flags("a domesticated carnivore"));
    }
}
