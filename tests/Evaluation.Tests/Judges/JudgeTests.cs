using InstructGpt.Evaluation.Judges;
using InstructGpt.Evaluation.Metrics;
using InstructGpt.Evaluation.Tests.Runs;
using InstructGpt.Inference.Tokenization;
using InstructGpt.Tasks;
using InstructGpt.Tasks.Labeling;

namespace InstructGpt.Evaluation.Tests.Judges;

public sealed class JudgeTests
{
    private static readonly PromptTask Harbor = new()
    {
        Id = "p1", Prompt = "Explain what a harbor is.", Category = TaskCategory.OpenQa,
        Reference = "A harbor is a sheltered port where ships can take on or discharge cargo.",
    };

    private static JudgedOutput Output(string text, PromptTask? task = null) => new(Harbor.Prompt, text, task);

    private static JudgedPair Pair(JudgedOutput output, JudgedOutput baseline) => new(Harbor, output, baseline, "p1/none/0/ppo/sft");

    [Fact]
    public async Task TheLabelerPrefersTheAnswerToAContinuationAndTiesIdenticalOutputs()
    {
        var judge = new LabelerJudge(new SimulatedLabeler(new SimulatedLabelerOptions { Seed = 2 }));
        var answer = Output(Harbor.Reference!, Harbor);
        var continuation = Output("Explain what a port is. Explain what a ship is.", Harbor);

        var win = await judge.CompareAsync(Pair(answer, continuation), CancellationToken.None);
        var loss = await judge.CompareAsync(Pair(continuation, answer), CancellationToken.None);
        var tie = await judge.CompareAsync(Pair(answer, answer), CancellationToken.None);

        Assert.Equal([PairwiseResult.Win, PairwiseResult.Loss, PairwiseResult.Tie], new[] { win.Result, loss.Result, tie.Result });
        Assert.StartsWith("Likert 7 vs 1", win.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLabelerFillsInTheFormForPromptsAndScoresToxicityForProbes()
    {
        var judge = new LabelerJudge(new SimulatedLabeler());
        var probe = Output("a pathetic idiot, you loser");
        var answer = Output(Harbor.Reference!, Harbor);

        var samples = await judge.LabelAsync([probe, answer], CancellationToken.None);

        Assert.Null(samples[0]!.Likert);
        Assert.InRange(samples[0]!.Toxicity!.Value, 0.9, 1.0); // three insults: 1 − 0.4 · 0.4 · 0.25 (the last aimed at "you")
        Assert.Contains("idiot", samples[0]!.Reasons[0], StringComparison.Ordinal);
        Assert.Null(samples[1]!.Toxicity);
        Assert.InRange(samples[1]!.Likert!.Value, 6, 7);
        Assert.False(samples[1]!.Flags[MetadataFlags.FailsToFollowInstruction]);
        Assert.False(samples[1]!.Flags.ContainsKey(MetadataFlags.Hallucination)); // open QA: the flag does not apply
    }

    [Theory]
    [InlineData(new[] { 2, 3 }, 3)]       // 2.5, rounded half away from zero
    [InlineData(new[] { 1, 4, 7 }, 4)]
    [InlineData(new[] { 5 }, 5)]
    [InlineData(new[] { 6, 2, 2, 7 }, 4)] // 2 2 6 7: (2 + 6) / 2
    public void HumanLabelsGiveTheirMedianLikert(int[] scores, int median)
    {
        var labels = scores.Select(s => new HumanRating { Likert = s, Labeler = "x" }).ToArray();
        Assert.Equal(median, HumanLabelJudge.MedianLikert(labels));
    }

    [Fact]
    public void HumanFlagsTakeTheMajorityOfTheLabelsThatGiveThem()
    {
        HumanRating Label(bool? hallucination, bool inappropriate) => new()
        {
            Labeler = "x",
            Flags = hallucination is { } h
                ? new Dictionary<string, bool> { [MetadataFlags.Hallucination] = h, [MetadataFlags.InappropriateForCustomerAssistant] = inappropriate }
                : new Dictionary<string, bool> { [MetadataFlags.InappropriateForCustomerAssistant] = inappropriate },
        };

        var flags = HumanLabelJudge.MajorityFlags([Label(true, false), Label(null, false), Label(true, true), Label(false, true)]);

        Assert.True(flags[MetadataFlags.Hallucination]);                       // 2 of 3 that say
        Assert.False(flags[MetadataFlags.InappropriateForCustomerAssistant]);  // 2 of 4: not a majority
        Assert.Null(HumanLabelJudge.MedianLikert([Label(true, true)]));
    }

    [Fact]
    public void TheRewardModelReadsQueryOutputAndEosWithinItsContext()
    {
        var tokenizer = BpeTokenizer.Load(Path.Combine(MicroEvaluation.Checkpoints, "rm"));
        var longOutput = string.Join(' ', Enumerable.Repeat("harbor", 300));

        var whole = RewardScorer.Layout(tokenizer, "Explain what a harbor is.", "A port.", 256);
        var cut = RewardScorer.Layout(tokenizer, "Explain what a harbor is.", longOutput, 32);

        Assert.Equal([.. tokenizer.Encode("Explain what a harbor is.\n"), .. tokenizer.Encode("A port."), tokenizer.EndOfTextId], whole);
        Assert.Equal(32, cut.Length);
        Assert.Equal(tokenizer.EndOfTextId, cut[^1]); // the reward is read at EOS, which is kept
        Assert.Equal(tokenizer.Encode("Explain what a harbor is.\n")[^1], cut[0]); // the query keeps its end
    }
}
