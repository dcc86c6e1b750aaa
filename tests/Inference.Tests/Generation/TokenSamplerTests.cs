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
}
