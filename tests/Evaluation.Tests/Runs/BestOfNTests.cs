using InstructGpt.Evaluation.Judges;
using InstructGpt.Evaluation.Runs;
using InstructGpt.Inference.Checkpoints;
using InstructGpt.Inference.Generation;
using InstructGpt.Inference.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Evaluation.Tests.Runs;

/// <summary>Best-of-n against the reward model, checked against the plain samples it chooses among.</summary>
public sealed class BestOfNTests
{
    private static readonly string[] Prompts = ["What is a dog?", "Write a short poem about a tree.", "Name three kinds of food."];

    [Fact]
    public void EachAnswerIsTheRewardModelsFavouriteAmongItsNPlainSamples()
    {
        var model = ModelCatalog.Resolve("sft@best-of-4", MicroEvaluation.Checkpoints);
        Assert.Equal((4, "sft@best-of-4"), (model.BestOf, model.Name));
        Assert.False(model.ScoresDocuments);
        var sampling = new EvaluationSampling { MaxTokens = 24, BatchSize = 8 };
        using var best = new ModelSession(model, ScalarType.Float32, torch.CPU);
        using var plain = new ModelSession(model with { BestOf = 1 }, ScalarType.Float32, torch.CPU);

        var chosen = best.Generate(Prompts, sampling, samples: 2, seed: 5, CancellationToken.None);
        var candidates = plain.Generate(Prompts, sampling, samples: 8, seed: 5, CancellationToken.None);

        var directory = Path.Combine(MicroEvaluation.Checkpoints, "rm");
        using var rm = Checkpoint.Open(directory).LoadRewardModel(ScalarType.Float32, torch.CPU);
        var scores = RewardScorer.Score(rm, BpeTokenizer.Load(directory), candidates.Select(c => (Prompts[c.PromptIndex], c.Text.Trim())).ToArray(), 8);
        Assert.Equal(Prompts.Length * 2, chosen.Count);
        foreach (var answer in chosen)
        {
            var group = candidates.Select((c, i) => (c, Score: scores[i]))
                .Where(x => x.c.PromptIndex == answer.PromptIndex && x.c.Index / 4 == answer.Index).ToArray();
            Assert.Equal(4, group.Length);
            var expected = group.OrderByDescending(x => x.c.FinishReason == FinishReason.Stop).ThenByDescending(x => x.Score).First().c;
            Assert.Equal(expected.Text, answer.Text);
        }
    }

    [Theory]
    [InlineData("sft@best-of-1")]
    [InlineData("sft@best-of-65")]
    [InlineData("sft@best-of-x")]
    [InlineData("sft@best-of-")]
    public void NOutsideTwoToSixtyFourIsRefusedByName(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => ModelCatalog.Resolve(name, MicroEvaluation.Checkpoints));
        Assert.Contains(name, error.Message);
        Assert.Contains("2 to 64", error.Message);
    }
}
