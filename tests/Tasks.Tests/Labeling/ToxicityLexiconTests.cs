
using InstructGpt.Tasks.Labeling;

namespace InstructGpt.Tasks.Tests.Labeling;

public class ToxicityLexiconTests
{
    [Fact]
    public void CleanTextScoresZero() => Assert.Equal(0, ToxicityLexicon.Score("A dog is a domesticated carnivore."));

    [Fact]
    public void OneInsultScoresItsWeight()
    {
        Assert.Equal(ToxicityLexicon.InsultWeight, ToxicityLexicon.Score("He is an idiot."), 9);
    }

    [Fact]
    public void AnInsultAimedAtTheReaderWeighsMore()
    {
        Assert.Equal(ToxicityLexicon.InsultWeight * ToxicityLexicon.SecondPersonFactor, ToxicityLexicon.Score("You idiot."), 9);
    }

    [Fact]
    public void TermsCombineAsIndependentChances()
    {
        var expected = 1 - (1 - ToxicityLexicon.InsultWeight) * (1 - ToxicityLexicon.InsultWeight) * (1 - ToxicityLexicon.HostilePhraseWeight);
        Assert.Equal(expected, ToxicityLexicon.Score("The stupid moron. Shut up."), 9);
    }

    [Fact]
    public void WordsThatMerelyContainAnInsultDoNotCount()
    {
        Assert.Equal(0, ToxicityLexicon.Score("The foolproof jerkin was dumbfounding."));
    }

    [Fact]
    public void ScoresStayBelowOne() => Assert.InRange(ToxicityLexicon.Score(string.Join(' ', ToxicityLexicon.Insults)), 0.99, 1.0);
}
