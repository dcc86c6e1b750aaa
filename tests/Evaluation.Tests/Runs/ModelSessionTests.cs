using InstructGpt.Evaluation.Metrics;
using InstructGpt.Evaluation.Runs;
using InstructGpt.Inference.Checkpoints;
using InstructGpt.Inference.Generation;
using InstructGpt.Inference.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Evaluation.Tests.Runs;

public sealed class ModelSessionTests
{
    private static readonly string[] Texts =
    [
        "A harbor is a sheltered port where ships can take on or discharge cargo.",
        "Write a short poem about the sea.",
        "The clergyman next door is an absolute fool.",
    ];

    [Fact]
    public void DocumentScoresMatchTheGeneratorsEchoedPromptLogprobs()
    {
        var directory = Path.Combine(MicroEvaluation.Checkpoints, "sft");
        using var session = new ModelSession(new EvaluatedModel("sft", directory), ScalarType.Float32, torch.CPU);

        var scores = session.ScoreDocuments([.. Texts, ""], batchSize: 3);

        // The reference: the completions path's echo with logprobs, one text at a time, no padding.
        var tokenizer = BpeTokenizer.Load(directory);
        using var model = Checkpoint.Open(directory).LoadLanguageModel(ScalarType.Float32, torch.CPU);
        model.eval();
        var generator = new CompletionGenerator(model, tokenizer);
        for (var i = 0; i < Texts.Length; i++)
        {
            int[] ids = [tokenizer.EndOfTextId, .. tokenizer.Encode(Texts[i])];
            var echoed = generator.Generate([(IReadOnlyList<int>)ids], new SamplingOptions { MaxTokens = 0, Echo = true, Logprobs = 0 })[0];
            var sum = echoed.Logprobs!.Skip(1).Take(ids.Length - 1).Sum(l => l.Logprob!.Value);
            Assert.Equal(ids.Length - 1, scores[i]!.Value.TokenCount);
            Assert.Equal(sum, scores[i]!.Value.SumLogProb, 3);
        }
        Assert.Null(scores[^1]); // an empty text has no tokens to score
        var perplexity = Perplexity.FromDocuments(scores.Take(Texts.Length).Select(s => s!.Value).ToArray());
        Assert.InRange(perplexity, 1, tokenizer.VocabSize);
    }

    [Fact]
    public void TheSameSeedGivesTheSameOutputsAndAPromptTooLongKeepsItsEnd()
    {
        using var session = new ModelSession(new EvaluatedModel("sft", Path.Combine(MicroEvaluation.Checkpoints, "sft")), ScalarType.Float32, torch.CPU);
        var sampling = new EvaluationSampling { MaxTokens = 16, Temperature = 1.0 };
        string[] prompts = ["Explain what a harbor is.", string.Join(' ', Enumerable.Repeat("Tell me about the sea.", 200))];

        var first = session.Generate(prompts, sampling, samples: 2, seed: 7, CancellationToken.None);
        var again = session.Generate(prompts, sampling, samples: 2, seed: 7, CancellationToken.None);

        Assert.Equal(4, first.Count);
        Assert.Equal(first.Select(s => s.Text), again.Select(s => s.Text));
        Assert.Equal(256 - sampling.MaxTokens, first[2].PromptIds.Count); // the long prompt, cut to the context left
    }
}
