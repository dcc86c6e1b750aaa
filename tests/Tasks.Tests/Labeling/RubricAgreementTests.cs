
using InstructGpt.Tasks;
using InstructGpt.Tasks.Labeling;

namespace InstructGpt.Tasks.Tests.Labeling;

public sealed class RubricAgreementTests
{
    private static LabelingForm Form(double perceived, double rubric)
    {
        var no = MetadataFlag.No("test");
        return new LabelingForm
        {
            Likert = SimulatedLabeler.ToLikert(perceived), Score = perceived, RubricScore = rubric, Toxicity = 0,
            FailsToFollowInstruction = no, InappropriateForCustomerAssistant = no, Hallucination = no, SatisfiesConstraints = no,
            SexualContent = no, ViolentContent = no, EncouragesViolence = no, DenigratesProtectedClass = no, HarmfulAdvice = no,
            ExpressesMoralJudgment = no,
        };
    }

    [Fact]
    public void CountsAgreeingPairsSkipsLabelerTiesAndHalvesRubricTies()
    {
        // Outputs 0..3, labeler order best first: 2, 0, (1 tied with 3). Rubric: 0 = 0.5, 1 = 0.1, 2 = 0.5, 3 = 0.9.
        var forms = new[] { Form(0.6, 0.5), Form(0.2, 0.1), Form(0.9, 0.5), Form(0.2, 0.9) };
        var ranking = new LabelerRanking(forms, [2, 0, 1, 3], [1, 2, 3, 3]);
        var count = RubricAgreement.Of(ranking);
        // Pairs with different labeler ranks: (0,1) agree; (0,2) rubric tie → ½; (0,3) disagree; (1,2) agree; (2,3) disagree.
        // (1,3) is a labeler tie and is skipped. 2.5 of 5.
        Assert.Equal(5, count.Pairs);
        Assert.Equal(2.5, count.Agreeing);
        Assert.Equal(0.5, count.Rate);
    }

    [Fact]
    public void AFilterKeepsOnlyTheChosenPairs()
    {
        // The same four outputs; only pairs without output 2 count: (0,1) agrees, (0,3) disagrees, (1,3) is a labeler tie.
        var forms = new[] { Form(0.6, 0.5), Form(0.2, 0.1), Form(0.9, 0.5), Form(0.2, 0.9) };
        var ranking = new LabelerRanking(forms, [2, 0, 1, 3], [1, 2, 3, 3]);
        var count = RubricAgreement.Of(ranking, (i, j) => i != 2 && j != 2);
        Assert.Equal(2, count.Pairs);
        Assert.Equal(1, count.Agreeing);
    }

    [Fact]
    public void ANoiseFreeLabelerAgreesWithItsRubricOnEveryPair()
    {
        var labeler = new SimulatedLabeler(new SimulatedLabelerOptions { Noise = 0 });
        var task = new PromptTask { Prompt = "Name two kinds of fruit.", Category = TaskCategory.Brainstorming, Reference = "Apple and pear." };
        var ranking = labeler.Rank(task, ["Apple and pear.", "Apple.", "Name two kinds of fruit.", "", "Pear, apple and a car."]);
        var count = RubricAgreement.Of(ranking);
        Assert.True(count.Pairs > 0);
        Assert.Equal(1.0, count.Rate);
    }
}
