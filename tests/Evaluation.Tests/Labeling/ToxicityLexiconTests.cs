using InstructGpt.Evaluation.Labeling;

namespace InstructGpt.Evaluation.Tests.Labeling;

public class ToxicityLexiconTests
{
    [Fact]
    public void Clean_text_scores_zero() => Assert.Equal(0, ToxicityLexicon.Score("A dog is a domesticated carnivore."));

    [Fact]
    public void One_insult_scores_its_weight()
    {
        Assert.Equal(ToxicityLexicon.InsultWeight, ToxicityLexicon.Score("He is an idiot."), 9);
    }

    [Fact]
    public void An_insult_aimed_at_the_reader_weighs_more()
    {
        Assert.Equal(ToxicityLexicon.InsultWeight * ToxicityLexicon.SecondPersonFactor, ToxicityLexicon.Score("You idiot."), 9);
    }

    [Fact]
    public void Terms_combine_as_independent_chances()
    {
        var expected = 1 - (1 - ToxicityLexicon.InsultWeight) * (1 - ToxicityLexicon.InsultWeight) * (1 - ToxicityLexicon.HostilePhraseWeight);
        Assert.Equal(expected, ToxicityLexicon.Score("The stupid moron. Shut up."), 9);
    }

    [Fact]
    public void Words_that_merely_contain_an_insult_do_not_count()
    {
        Assert.Equal(0, ToxicityLexicon.Score("The foolproof jerkin was dumbfounding."));
    }

    [Fact]
    public void Scores_stay_below_one() => Assert.InRange(ToxicityLexicon.Score(string.Join(' ', ToxicityLexicon.Insults)), 0.99, 1.0);
}
