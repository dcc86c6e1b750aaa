using InstructGpt.Inference.Generation;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Tests.Generation;

public class TokenSamplerTests
{
    // softmax([1, 2, 3, 4, 5]) = [0.0117, 0.0317, 0.0861, 0.2341, 0.6364]
    private static float[] Truncated(int topK, double topP)
    {
        using var scope = torch.NewDisposeScope();
        var logits = torch.tensor(new float[] { 1, 2, 3, 4, 5 }, new long[] { 1, 5 }, device: torch.CPU);
        return TokenSampler.Truncate(logits, topK, topP).data<float>().ToArray();
    }

    [Fact]
    public void TopKKeepsTheKLargestLogits() =>
        Assert.Equal([float.NegativeInfinity, float.NegativeInfinity, float.NegativeInfinity, 4, 5], Truncated(2, 1.0));

    [Fact]
    public void TopPKeepsTheSmallestSetReachingP()
    {
        // 0.6364 alone does not reach 0.8; with 0.2341 it does (0.8705), so two tokens stay.
        Assert.Equal([float.NegativeInfinity, float.NegativeInfinity, float.NegativeInfinity, 4, 5], Truncated(0, 0.8));
        // 0.6364 alone reaches 0.5.
        Assert.Equal([float.NegativeInfinity, float.NegativeInfinity, float.NegativeInfinity, float.NegativeInfinity, 5], Truncated(0, 0.5));
        // 0.6364 + 0.2341 = 0.8705 < 0.9, so the third (0.0861) joins.
        Assert.Equal([float.NegativeInfinity, float.NegativeInfinity, 3, 4, 5], Truncated(0, 0.9));
    }

    [Fact]
    public void SamplingFollowsTheDistribution()
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new torch.Generator(42);
        var logits = torch.tensor(new float[] { 0, (float)Math.Log(3) }, new long[] { 1, 2 }, device: torch.CPU); // p = [0.25, 0.75]
        var ones = 0;
        const int draws = 4000;
        for (var i = 0; i < draws; i++)
            ones += (int)TokenSampler.Sample(logits, [new RowSampling(1.0, 0, 1.0, generator)], 0).Tokens[0];
        Assert.InRange(ones / (double)draws, 0.72, 0.78);
        var step = TokenSampler.Sample(logits, [new RowSampling(1.0, 0, 1.0, generator)], 2);
        Assert.Equal(Math.Log(0.75), step.Top![0][0].logprob, 5);
        Assert.Equal(Math.Log(0.25), step.Top![0][1].logprob, 5);
    }

    [Fact]
    public void DrawNeverPicksATokenWithoutProbability()
    {
        using var scope = torch.NewDisposeScope();
        // Zeros at the ends and in the middle: the cumulative sum is flat there, so no uniform can land on them.
        var probs = torch.tensor(new float[] { 0, 0.5f, 0, 0.5f, 0, 0, 0, 0, 0, 0 }, new long[] { 1, 10 }, device: torch.CPU);
        var seen = new HashSet<long>();
        for (var i = 0; i < 2000; i++) seen.Add(TokenSampler.Draw(probs, [null])[0]);
        Assert.Equal([1L, 3L], seen.Order());
    }

    [Fact]
    public void EachRowOfABatchFollowsItsOwnDistribution()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        var probs = torch.tensor(new float[] { 0.1f, 0.9f, 0, 0.8f, 0.2f, 0 }, new long[] { 2, 3 }, device: torch.CPU);
        var counts = new int[2, 3];
        const int draws = 4000;
        for (var i = 0; i < draws; i++)
        {
            var drawn = TokenSampler.Draw(probs, [null, null]);
            counts[0, drawn[0]]++;
            counts[1, drawn[1]]++;
        }
        // Binomial standard deviations at 4,000 draws: 0.0047 (p = 0.9) and 0.0063 (p = 0.8); the ranges allow about 4.
        Assert.InRange(counts[0, 1] / (double)draws, 0.88, 0.92);
        Assert.InRange(counts[1, 0] / (double)draws, 0.775, 0.825);
        Assert.Equal(0, counts[0, 2] + counts[1, 2]);
    }

    [Fact]
    public void ASeededRowDrawsTheSameWhateverItsBatchMates()
    {
        using var scope = torch.NewDisposeScope();
        var row = torch.full(new long[] { 1, 50 }, 1f / 50, device: torch.CPU);
        var pair = torch.cat([torch.tensor(new float[50], new long[] { 1, 50 }).index_fill_(1, torch.tensor(new long[] { 7 }), 1f), row], 0);
        using var alone = new torch.Generator(11);
        using var beside = new torch.Generator(11);
        var first = Enumerable.Range(0, 20).Select(_ => TokenSampler.Draw(row, [alone])[0]).ToArray();
        var second = Enumerable.Range(0, 20).Select(_ => TokenSampler.Draw(pair, [null, beside])[1]).ToArray();
        Assert.Equal(first, second);
        Assert.True(first.Distinct().Count() > 5); // it really samples
    }
}
