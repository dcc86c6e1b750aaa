using InstructGpt.Inference.Generation;
using InstructGpt.Inference.Tests.Model;

namespace InstructGpt.Inference.Tests.Generation;

public class CompletionGeneratorTests
{
    private static readonly string[] Prompts = ["Hello", "The quick brown fox", "a", "Once upon"];

    private static CompletionGenerator Generator(ulong seed = 3) => new(TestModels.Language(seed), new CharTokenizer());

    [Fact]
    public void BatchedGreedyGenerationEqualsOneByOne()
    {
        var generator = Generator();
        var options = new SamplingOptions { MaxTokens = 12, Temperature = 0, IgnoreEos = true };
        var batched = generator.Generate(Prompts, options);
        for (var i = 0; i < Prompts.Length; i++)
        {
            var alone = generator.Generate([Prompts[i]], options).Single();
            Assert.Equal(alone.TokenIds, batched[i].TokenIds);
            Assert.Equal(alone.Text, batched[i].Text);
        }
    }

    [Fact]
    public void TemperatureZeroIsDeterministic()
    {
        var generator = Generator();
        var options = new SamplingOptions { MaxTokens = 10, Temperature = 0 };
        Assert.Equal(generator.Generate(Prompts, options).Select(s => s.Text), generator.Generate(Prompts, options).Select(s => s.Text));
    }

    [Fact]
    public void TheSameSeedGivesTheSameSamplesWhateverTheBatch()
    {
        var generator = Generator();
        var options = new SamplingOptions { MaxTokens = 15, Temperature = 1.0, Seed = 1234, N = 3, IgnoreEos = true };
        var first = generator.Generate(Prompts, options);
        var again = generator.Generate(Prompts, options);
        Assert.Equal(first.Select(s => s.Text), again.Select(s => s.Text));
        var alone = generator.Generate([Prompts[1]], options);
        Assert.Equal(first.Where(s => s.PromptIndex == 1).Select(s => s.Text), alone.Select(s => s.Text));
        // The n samples of one prompt differ from each other, and another seed gives other samples.
        Assert.True(first.Where(s => s.PromptIndex == 0).Select(s => s.Text).Distinct().Count() > 1);
        var other = generator.Generate(Prompts, options with { Seed = 99 });
        Assert.NotEqual(first.Select(s => s.Text), other.Select(s => s.Text));
    }

    [Fact]
    public void NCompletionsPerPromptAreIndexedLikeOpenAI()
    {
        var results = Generator().Generate(Prompts[..2], new SamplingOptions { MaxTokens = 4, N = 3, Seed = 5 });
        Assert.Equal(6, results.Count);
        Assert.Equal([0, 0, 0, 1, 1, 1], results.Select(r => r.PromptIndex));
        Assert.Equal([0, 1, 2, 0, 1, 2], results.Select(r => r.Index));
    }

    [Fact]
    public void StopSequencesEndTheCompletionAndAreExcluded()
    {
        var generator = Generator();
        var free = generator.Generate(["Hello"], new SamplingOptions { MaxTokens = 20, Temperature = 0, IgnoreEos = true }).Single();
        Assert.Equal(FinishReason.Length, free.FinishReason);
        Assert.True(free.Text.Length >= 6, free.Text);
        // Stop on a two-character string that appears in the greedy continuation.
        var stop = free.Text.Substring(3, 2);
        var expected = free.Text[..free.Text.IndexOf(stop, StringComparison.Ordinal)];
        var stopped = generator.Generate(["Hello"], new SamplingOptions { MaxTokens = 20, Temperature = 0, IgnoreEos = true, Stop = ["zzzz", stop] }).Single();
        Assert.Equal(FinishReason.Stop, stopped.FinishReason);
        Assert.Equal(expected, stopped.Text);
        Assert.DoesNotContain(stop, stopped.Text);
    }

    [Fact]
    public void MaxTokensEndsWithLength()
    {
        var result = Generator().Generate(["Hi"], new SamplingOptions { MaxTokens = 7, Temperature = 0, IgnoreEos = true }).Single();
        Assert.Equal(7, result.TokenIds.Count);
        Assert.Equal(FinishReason.Length, result.FinishReason);
    }

    [Fact]
    public void LogprobsListTheChosenTokenAndTopAlternatives()
    {
        var result = Generator().Generate(["Hello"], new SamplingOptions { MaxTokens = 5, Temperature = 0, Logprobs = 3, IgnoreEos = true }).Single();
        Assert.Equal(5, result.Logprobs!.Count);
        foreach (var entry in result.Logprobs)
        {
            Assert.Equal(3, entry.Top.Count);
            // Greedy: the chosen token is the most likely one.
            Assert.Equal(entry.Top[0].TokenId, entry.TokenId);
            Assert.Equal(entry.Top[0].Logprob, entry.Logprob!.Value, 6);
            Assert.True(entry.Top[0].Logprob >= entry.Top[1].Logprob);
        }
        // OpenAI counts text offsets from the start of the prompt, echoed or not.
        Assert.Equal([5, 6, 7, 8, 9], result.Logprobs.Select(l => l.TextOffset));
    }

    [Fact]
    public void EchoReturnsThePromptWithItsLogprobs()
    {
        var result = Generator().Generate(["Hello"], new SamplingOptions { MaxTokens = 0, Echo = true, Logprobs = 1 }).Single();
        Assert.Equal("Hello", result.Text);
        Assert.Equal(5, result.Logprobs!.Count);
        Assert.Null(result.Logprobs[0].Logprob);
        Assert.All(result.Logprobs.Skip(1), l => Assert.True(l.Logprob < 0));
        Assert.Equal("ello", string.Concat(result.Logprobs.Skip(1).Select(l => l.Token)));
    }

    [Fact]
    public void TooLongRequestsAreRejectedWithOpenAIsMessage()
    {
        var error = Assert.Throws<ContextLengthExceededException>(() => Generator().Generate(["Hello"], new SamplingOptions { MaxTokens = 100 }));
        Assert.Contains("maximum context length is 64 tokens", error.Message);
    }

    [Fact]
    public void OutOfRangeOptionsNameTheField()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SamplingOptions { TopP = 1.5 }.Validate());
        Assert.Equal("top_p", error.ParamName);
    }
}
