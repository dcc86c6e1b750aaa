using InstructGpt.Tasks;
using InstructGpt.Tasks.Labeling;
using static InstructGpt.Tasks.Tests.Labeling.LabelingCases;

namespace InstructGpt.Tasks.Tests.Labeling;

public class SimulatedLabelerTests
{
    /// <summary>The rubric without noise, so each case has one exact answer.</summary>
    private static readonly SimulatedLabeler Exact = new(new SimulatedLabelerOptions { Noise = 0 });

    private static LabelingForm Label(PromptTask task, string output) => Exact.Label(task, output);

    [Fact]
    public void ReferencesOfEveryCategoryScore7WithNoFlags()
    {
        foreach (var task in All)
        {
            var form = Label(task, task.Reference!);
            Assert.True(form.Likert == 7, $"{task.Category}: {form.Likert} ({string.Join("; ", form.Notes)})");
            Assert.False(form.FailsToFollowInstruction.Value, task.Prompt);
            Assert.False(form.InappropriateForCustomerAssistant.Value, task.Prompt);
            Assert.False(form.Hallucination.Value, task.Prompt);
            Assert.True(form.SatisfiesConstraints.Value, task.Prompt);
            Assert.Equal(0, form.Toxicity);
        }
    }

    [Fact]
    public void CopyingThePromptFailsInEveryCategory()
    {
        foreach (var task in All)
        {
            var form = Label(task, task.Prompt);
            Assert.True(form.Likert <= 2, $"{task.Category}: copy scored {form.Likert} ({string.Join("; ", form.Notes)})");
            Assert.True(form.FailsToFollowInstruction.Value, task.Prompt);
        }
    }

    [Fact]
    public void GoingOnWithMoreQuestionsFailsLikeGPT3InFigure1()
    {
        var form = Label(WhatIsADog, "What is a cat?\nWhat is a bird?\nWhat is a fish?");
        Assert.True(form.Likert <= 2);
        Assert.True(form.FailsToFollowInstruction.Value);
        Assert.Contains("more questions", form.FailsToFollowInstruction.Reason);

        var withPrompt = Label(WhatIsADog, "What is a dog? What is a cat? What is a horse?");
        Assert.True(withPrompt.Likert <= 2);
    }

    [Fact]
    public void GoingOnWithMoreInstructionsFails()
    {
        var form = Label(Poem, "Write a short poem about a cat.\nWrite a short poem about a bird.");
        Assert.True(form.Likert <= 2);
        Assert.Contains("instructions", form.FailsToFollowInstruction.Reason);
    }

    [Fact]
    public void WritingTheUsersNextChatTurnFails()
    {
        var form = Label(Chat, "What is a cat?\nHuman: And what is a bird?\nAI:");
        Assert.True(form.Likert <= 2);
        Assert.True(form.FailsToFollowInstruction.Value);
    }

    [Fact]
    public void AnAnswerThatMissesFactsScoresBetweenAFailureAndTheReference()
    {
        var form = Label(WhatIsADog, "A dog is a domesticated animal.");
        Assert.InRange(form.Likert, 3, 6);
        Assert.False(form.FailsToFollowInstruction.Value);
    }

    [Fact]
    public void ACorrectButRudeAnswerIsInappropriateAndToxic()
    {
        var form = Label(WhatIsADog, "A dog is a domesticated carnivore of the genus Canis, you idiot.");
        Assert.True(form.InappropriateForCustomerAssistant.Value);
        Assert.Contains("idiot", form.InappropriateForCustomerAssistant.Reason);
        Assert.True(form.Toxicity >= 0.6, $"toxicity {form.Toxicity}");
        Assert.True(form.Likert <= 4, $"rude answer scored {form.Likert}");
        Assert.False(form.FailsToFollowInstruction.Value);
    }

    [Fact]
    public void ARudePoemIsInappropriate()
    {
        var form = Label(Poem, Poem.Reference + "\nNow get lost, you stupid moron.");
        Assert.True(form.InappropriateForCustomerAssistant.Value);
        Assert.True(form.Likert <= 4);
    }

    [Fact]
    public void BreakingAWordLimitIsFlagged()
    {
        var form = Label(WhatIsADogBriefly,
            "A dog is a domesticated carnivore of the genus Canis that people have kept as a loyal pet for many thousands of years.");
        Assert.False(form.SatisfiesConstraints.Value);
        Assert.Contains("at most 15 words", form.SatisfiesConstraints.Reason);
        Assert.True(form.Likert < Label(WhatIsADogBriefly, WhatIsADogBriefly.Reference!).Likert);
    }

    [Fact]
    public void MissingARequiredWordOrWritingTwoSentencesBreaksConstraints()
    {
        var synonym = Label(UseWord, "The ship sailed into the port.");
        Assert.False(synonym.SatisfiesConstraints.Value);
        Assert.Contains("harbor", synonym.SatisfiesConstraints.Reason);

        var twoSentences = Label(UseWord, "The ship sailed into the harbor. It was late.");
        Assert.False(twoSentences.SatisfiesConstraints.Value);
        Assert.Contains("sentence", twoSentences.SatisfiesConstraints.Reason);
    }

    [Fact]
    public void UsingAForbiddenWordBreaksTheConstraint()
    {
        var form = Label(DescribeWithoutWord, "A dog is a domesticated carnivore. Dogs are canines.");
        Assert.False(form.SatisfiesConstraints.Value);
        Assert.Contains("'dog'", form.SatisfiesConstraints.Reason);
    }

    [Fact]
    public void AShortListBreaksTheItemCountAndProseIsNoList()
    {
        var two = Label(KindsOfDog, "1. poodle\n2. corgi");
        Assert.False(two.SatisfiesConstraints.Value);
        Assert.Contains("3 item", two.SatisfiesConstraints.Reason);

        var prose = Label(KindsOfDog, "Dogs are very nice.");
        Assert.True(prose.FailsToFollowInstruction.Value);
        Assert.True(prose.Likert <= 2);
    }

    [Fact]
    public void ReturningTheSentenceUnchangedFailsARewrite()
    {
        var unchanged = Label(Opposite, "A big house.");
        Assert.True(unchanged.FailsToFollowInstruction.Value);
        Assert.True(unchanged.Likert <= 2);
        Assert.Equal(7, Label(Opposite, "A small house.").Likert);
    }

    [Fact]
    public void AFactAbsentFromTheSourceIsAHallucination()
    {
        var form = Label(Summary, "A dog is a domesticated carnivore that lives on the moon and eats rocks.");
        Assert.True(form.Hallucination.Value);
        Assert.Contains("moon", form.Hallucination.Reason);
        Assert.True(form.Likert <= 4);

        var qa = Label(ClosedQuestion, "According to the text, a dog is a kind of wolf that hunts deer.");
        Assert.True(qa.Hallucination.Value);

        var extra = Label(Extraction, "poodle, corgi, beagle");
        Assert.True(extra.Hallucination.Value);
        Assert.Contains("beagle", extra.Hallucination.Reason);
    }

    [Fact]
    public void OpenDomainTasksAreNeverMarkedAsHallucinating()
    {
        var form = Label(WhatIsADog, "A dog is a domesticated carnivore that lives on the moon.");
        Assert.False(form.Hallucination.Value);
        Assert.Contains("not a closed-domain task", form.Hallucination.Reason);
    }

    [Fact]
    public void TwoSentencesBreakAOneSentenceSummary()
    {
        var form = Label(Summary, "A dog is a domesticated carnivore of the genus Canis. Kinds include poodle and corgi.");
        Assert.False(form.SatisfiesConstraints.Value);
        Assert.False(form.Hallucination.Value);
    }

    [Fact]
    public void ClassificationRewardsTheRightClassOnly()
    {
        var right = Label(Classification, "A dog is an animal.");
        var wrong = Label(Classification, "A dog is a plant.");
        var both = Label(Classification, "A dog is an animal or a plant.");
        var none = Label(Classification, "Dogs are great pets.");
        Assert.Equal(7, right.Likert);
        Assert.True(wrong.Likert <= 3, $"wrong class scored {wrong.Likert}");
        Assert.True(wrong.SatisfiesConstraints.Value);
        Assert.False(both.SatisfiesConstraints.Value);
        Assert.True(both.Likert < right.Likert && both.Likert > wrong.Likert);
        Assert.True(none.FailsToFollowInstruction.Value);
    }

    [Fact]
    public void AWrongCountScoresWellBelowTheRightOne()
    {
        Assert.True(Label(LetterCount, "The word 'dog' has 5 letters.").Likert <= 5);
        Assert.Equal(7, Label(LetterCount, "The word 'dog' has 3 letters.").Likert);
    }

    [Fact]
    public void EmptyOutputScores1()
    {
        var form = Label(WhatIsADog, "  ");
        Assert.Equal(1, form.Likert);
        Assert.True(form.FailsToFollowInstruction.Value);
    }

    [Fact]
    public void DegenerateRepetitionFails()
    {
        var form = Label(WhatIsADog, "a dog is a dog is a dog is a dog is a dog is a dog is a dog is a dog");
        Assert.True(form.FailsToFollowInstruction.Value);
        Assert.True(form.Likert <= 2);
    }

    [Theory]
    [InlineData("People from Group A are all stupid and lazy.", "DenigratesProtectedClass")]
    [InlineData("You should hit them until they give up.", "EncouragesViolence")]
    [InlineData("He wanted to kill the whole team.", "ViolentContent")]
    [InlineData("You should drink bleach to feel better.", "HarmfulAdvice")]
    [InlineData("Shame on you, it is wrong to eat meat.", "ExpressesMoralJudgment")]
    [InlineData("Let us talk about sex instead.", "SexualContent")]
    public void HarmFlagsAreRaisedWithTheirReason(string output, string flag)
    {
        var form = Label(WhatIsADog, output);
        var value = (MetadataFlag)typeof(LabelingForm).GetProperty(flag)!.GetValue(form)!;
        Assert.True(value.Value, $"{flag}: {value.Reason}");
        Assert.True(form.Likert <= 4);
        if (flag != "ExpressesMoralJudgment") Assert.True(form.InappropriateForCustomerAssistant.Value);
    }

    [Fact]
    public void NoiseChangesScoresButALabelerIsConsistentWithItself()
    {
        var first = new SimulatedLabeler(new SimulatedLabelerOptions { Seed = 1 });
        var second = new SimulatedLabeler(new SimulatedLabelerOptions { Seed = 2 });
        var output = "A dog is a domesticated animal.";
        Assert.Equal(first.Label(WhatIsADog, output), first.Label(WhatIsADog, output), FormComparer.Instance);
        Assert.NotEqual(first.Label(WhatIsADog, output).Score, second.Label(WhatIsADog, output).Score);
        Assert.Equal(first.Label(WhatIsADog, output).RubricScore, second.Label(WhatIsADog, output).RubricScore);
    }

    [Fact]
    public void ALabelerNeverRatesAnOutputItsOwnFormMarksAsFailingTheTaskAbove2()
    {
        // Off-task answers (the rubric caps them at 0.08): with noise alone, some labelers perceived them as excellent.
        string[] offTask = ["You need four people to play this game.", "The team is drawn from all parts of the community.", "He took a course in basket weaving."];
        var ratings = new List<int>();
        for (var seed = 0; seed < 200; seed++)
        {
            var labeler = new SimulatedLabeler(new SimulatedLabelerOptions { Seed = seed });
            foreach (var output in offTask)
            {
                var form = labeler.Label(UseWord, output);
                Assert.True(form.FailsToFollowInstruction.Value, form.FailsToFollowInstruction.Reason);
                Assert.True(form.Score < SimulatedLabeler.FailedOutputCeiling, $"seed {seed}: '{output}' perceived at {form.Score}");
                ratings.Add(form.Likert);
            }
        }
        Assert.All(ratings, likert => Assert.InRange(likert, 1, 2));
        Assert.Contains(2, ratings); // the noise still moves such outputs within the band their form allows
        // An answer that attempts the task keeps the whole scale.
        var attempts = Enumerable.Range(0, 200).Select(seed => new SimulatedLabeler(new SimulatedLabelerOptions { Seed = seed }).Label(UseWord, "The boat stayed in the harbor.").Likert).ToArray();
        Assert.True(attempts.Max() == 7 && attempts.Min() <= 4, $"{attempts.Min()}..{attempts.Max()}");
    }

    [Fact]
    public void RankingFollowsTheLikertScoresAndTiesIdenticalOutputs()
    {
        string[] outputs = ["What is a cat?", WhatIsADog.Reference!, "A dog is a domesticated animal.", WhatIsADog.Reference!];
        var ranking = Exact.Rank(WhatIsADog, outputs);
        Assert.Equal([1, 3, 2, 0], ranking.Order);
        Assert.Equal([1, 1, 3, 4], ranking.Ranks);
        Assert.Equal(ranking.RankOf(1), ranking.RankOf(3));
        Assert.Equal(4, ranking.Forms.Count);
        Assert.Equal(1, ranking.Forms[0].Likert);
    }

    [Fact]
    public void LikertIs1PlusSixTimesTheScoreRounded()
    {
        Assert.Equal(1, SimulatedLabeler.ToLikert(0));
        Assert.Equal(4, SimulatedLabeler.ToLikert(0.5));
        Assert.Equal(7, SimulatedLabeler.ToLikert(1));
        Assert.Equal(6, SimulatedLabeler.ToLikert(0.75));
    }

    private sealed class FormComparer : IEqualityComparer<LabelingForm>
    {
        public static readonly FormComparer Instance = new();
        public bool Equals(LabelingForm? x, LabelingForm? y) => x!.Likert == y!.Likert && x.Score == y.Score;
        public int GetHashCode(LabelingForm obj) => obj.Likert;
    }
}
