using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace InstructGpt.Inference.Tests.Model;

/// <summary>
/// Cross-entropy, the language-model and SFT loss, against central finite differences (<see cref="GradCheck"/>) in its
/// layouts and ignore-index forms, and against the value and gradient computed by hand.
/// </summary>
public class CrossEntropyGradientTests
{
    [Fact]
    public void CrossEntropy() =>
        GradCheck.Check(t => F.cross_entropy(t[0], torch.tensor(new long[] { 1, 0, 4, 2 })), GradInput.Random(17, 4, 5));

    [Fact]
    public void CrossEntropyWithDefaultIgnoreIndex() =>
        GradCheck.Check(t => F.cross_entropy(t[0], torch.tensor(new long[] { 1, -100, 4, -100, 3 })), GradInput.Random(18, 5, 5));

    [Theory]
    [InlineData(nn.Reduction.Mean)]
    [InlineData(nn.Reduction.Sum)]
    [InlineData(nn.Reduction.None)]
    public void CrossEntropyWithCustomIgnoreIndex(nn.Reduction reduction) =>
        GradCheck.Check(t => F.cross_entropy(t[0], torch.tensor(new long[] { 1, 2, 4, 2, 0 }), ignore_index: 2, reduction: reduction),
            GradInput.Random(19, 5, 5));

    [Fact]
    public void CrossEntropyOverSequenceLayout() =>
        // [N, C, T] logits with [N, T] targets, as after a transpose of GPT's [N, T, C].
        GradCheck.Check(t => F.cross_entropy(t[0], torch.tensor(new long[] { 0, 3, -100, 2, 1, 1 }, [2, 3])),
            GradInput.Random(20, 2, 4, 3));

    [Fact]
    public void CrossEntropyValueAndGradientMatchHandComputation()
    {
        // loss = mean over non-ignored rows of −log softmax(x)[target]; dloss/dx = (softmax − onehot)/count.
        var logits = GradTestData.Normal(21, 4, 3);
        long[] target = [2, -100, 0, 1];
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(logits, [4, 3], requires_grad: true);
        var loss = F.cross_entropy(x, torch.tensor(target));
        loss.backward();

        double expectedLoss = 0;
        var expectedGrad = new double[12];
        var counted = target.Count(t => t != -100);
        for (var row = 0; row < 4; row++)
        {
            if (target[row] == -100) continue;
            var max = logits.Skip(row * 3).Take(3).Max();
            var z = Enumerable.Range(0, 3).Sum(c => Math.Exp(logits[row * 3 + c] - max));
            expectedLoss -= (logits[row * 3 + target[row]] - max - Math.Log(z)) / counted;
            for (var c = 0; c < 3; c++)
                expectedGrad[row * 3 + c] = (Math.Exp(logits[row * 3 + c] - max) / z - (c == target[row] ? 1 : 0)) / counted;
        }
        Assert.Equal(expectedLoss, loss.item<double>(), 1e-12);
        var grad = GradCheck.Values(x.grad!);
        for (var i = 0; i < 12; i++) Assert.Equal(expectedGrad[i], grad[i], 1e-12);
        Assert.Equal(new double[] { 0, 0, 0 }, grad[3..6]);
    }
}
