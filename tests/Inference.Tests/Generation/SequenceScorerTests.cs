using InstructGpt.Inference.Generation;
using InstructGpt.Inference.Tests.Model;

namespace InstructGpt.Inference.Tests.Generation;

public class SequenceScorerTests
{
    [Fact]
    public void ScoresEqualTheLogprobsReportedDuringSampling()
    {
        var tokenizer = new CharTokenizer();
        using var model = TestModels.Language(seed: 8);
        var generator = new CompletionGenerator(model, tokenizer);
        var prompts = new[] { "Hello there", "ab" };
        var samples = generator.Generate(prompts, new SamplingOptions { MaxTokens = 9, Temperature = 0.7, Seed = 4, Logprobs = 0, IgnoreEos = true });
        var scores = SequenceScorer.TokenLogprobs(model, samples.Select(s => (IReadOnlyList<int>)s.PromptIds).ToList(),
            samples.Select(s => s.TokenIds).ToList(), temperature: 0.7);
        for (var i = 0; i < samples.Count; i++)
            for (var t = 0; t < samples[i].TokenIds.Count; t++)
                Assert.Equal(samples[i].Logprobs![t].Logprob!.Value, scores[i][t], 4);
    }

    [Fact]
    public void BatchedScoringEqualsOneByOne()
    {
        using var model = TestModels.Language(seed: 9);
        IReadOnlyList<int>[] contexts = [[1, 2, 3], [4], [5, 6, 7, 8, 9, 10]];
        IReadOnlyList<int>[] continuations = [[11, 12], [13, 14, 15, 16], [17]];
        var batched = SequenceScorer.TokenLogprobs(model, contexts, continuations);
        for (var i = 0; i < contexts.Length; i++)
        {
            var alone = SequenceScorer.TokenLogprobs(model, [contexts[i]], [continuations[i]]).Single();
            Assert.Equal(alone.Length, batched[i].Length);
            for (var t = 0; t < alone.Length; t++) Assert.Equal(alone[t], batched[i][t], 5);
        }
    }
}
