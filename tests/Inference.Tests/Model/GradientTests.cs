using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace InstructGpt.Inference.Tests.Model;

/// <summary>
/// Autograd gradients of every op our GPT and its losses use, as TorchSharp calls libtorch, against central finite
/// differences in float64, within gradcheck's tolerances (atol 1e-5, rtol 1e-3). See <see cref="GradCheck"/>.
/// </summary>
public class GradientTests
{
    [Fact]
    public void GradCheckDetectsAWrongGradient()
    {
        // x * detach(x) has true derivative 2x but autograd sees only x: the helper must reject it.
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() =>
            GradCheck.Check(t => t[0] * t[0].detach(), GradInput.Random(1, 3, 4)));
    }

    [Fact]
    public void Matmul() =>
        GradCheck.Check(t => t[0].matmul(t[1]), GradInput.Random(1, 3, 4), GradInput.Random(2, 4, 2));

    [Fact]
    public void BatchedMatmulWithBroadcast() =>
        GradCheck.Check(t => t[0].matmul(t[1]), GradInput.Random(3, 2, 3, 4), GradInput.Random(4, 4, 5));

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    public void Softmax(long dim) =>
        GradCheck.Check(t => t[0].softmax(dim), GradInput.Random(5, 3, 5));

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    public void LogSoftmax(long dim) =>
        GradCheck.Check(t => t[0].log_softmax(dim), GradInput.Random(6, 3, 5));

    [Fact]
    public void LayerNormWithWeightAndBias()
    {
        var weight = GradTestData.Normal(8, 5).Select(w => 1 + 0.5 * w).ToArray();
        GradCheck.Check(t => F.layer_norm(t[0], [5], t[1], t[2]),
            GradInput.Random(7, 3, 5), new GradInput(weight, [5]), GradInput.Random(9, 5));
    }

    [Fact]
    public void LayerNormOverTwoDimensions() =>
        GradCheck.Check(t => F.layer_norm(t[0], [2, 3], t[1], t[2]),
            GradInput.Random(10, 2, 2, 3), GradInput.Random(11, 2, 3), GradInput.Random(12, 2, 3));

    [Theory]
    [InlineData(GELU.Approximate.none)]
    [InlineData(GELU.Approximate.tanh)]
    public void Gelu(GELU.Approximate approximate)
    {
        // Spread over [-4, 4] so both tails and the bend are exercised.
        var x = GradTestData.Uniform(13, -4, 4, 24);
        GradCheck.Check(t => F.gelu(t[0], approximate), new GradInput(x, [4, 6]));
    }

    [Fact]
    public void GeluTanhMatchesGpt2Formula()
    {
        using var scope = torch.NewDisposeScope();
        var x = GradTestData.Uniform(14, -5, 5, 50);
        var actual = GradCheck.Values(F.gelu(torch.tensor(x), GELU.Approximate.tanh));
        for (var i = 0; i < x.Length; i++)
        {
            var expected = 0.5 * x[i] * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x[i] + 0.044715 * x[i] * x[i] * x[i])));
            Assert.Equal(expected, actual[i], 1e-12);
        }
    }

    [Fact]
    public void GeluExactMatchesErfFormula()
    {
        using var scope = torch.NewDisposeScope();
        var x = GradTestData.Uniform(15, -5, 5, 50);
        var actual = GradCheck.Values(F.gelu(torch.tensor(x)));
        for (var i = 0; i < x.Length; i++)
            Assert.Equal(0.5 * x[i] * (1 + Erf(x[i] / Math.Sqrt(2))), actual[i], 1e-9);
    }

    /// <summary>erf by its Maclaurin series (|x| ≤ 3.6 here), summed until the terms vanish.</summary>
    private static double Erf(double x)
    {
        double sum = 0, term = x;
        for (var n = 0; n < 200; n++)
        {
            sum += term / (2 * n + 1);
            term *= -x * x / (n + 1);
        }
        return 2 / Math.Sqrt(Math.PI) * sum;
    }

    [Fact]
    public void LogSigmoid() =>
        // The reward model's pairwise loss, −logσ(w − l): wide inputs reach the saturated tails.
        GradCheck.Check(t => F.logsigmoid(t[0]), new GradInput(GradTestData.Uniform(50, -12, 12, 15), [3, 5]));

    [Fact]
    public void LogSigmoidMatchesItsFormulaWithoutOverflow()
    {
        using var scope = torch.NewDisposeScope();
        var x = new[] { -800.0, -30, -1, 0, 0.5, 30, 800 };
        var actual = GradCheck.Values(F.logsigmoid(torch.tensor(x)));
        for (var i = 0; i < x.Length; i++)
        {
            // log σ(x) = −log(1 + e^−x), written so that neither exponential overflows.
            var expected = x[i] >= 0 ? -Math.Log(1 + Math.Exp(-x[i])) : x[i] - Math.Log(1 + Math.Exp(x[i]));
            Assert.Equal(expected, actual[i], 1e-12);
        }
    }

    [Fact]
    public void EmbeddingWithRepeatedIndices() =>
        // nn.Embedding as the model's wte/wpe use it, over the checked weight (from_pretrained shares the tensor).
        GradCheck.Check(t =>
            {
                using var embedding = nn.Embedding_from_pretrained(t[0], freeze: false);
                return embedding.forward(torch.tensor(new long[] { 0, 2, 2, 5, 1, 2 }, [2, 3]));
            },
            GradInput.Random(16, 6, 4));

    [Fact]
    public void EmbeddingGradientAccumulatesPerRow()
    {
        // Hand-computed: d/dW of Σ embedding(idx, W) is the count of each row in idx.
        using var scope = torch.NewDisposeScope();
        using var embedding = nn.Embedding(4, 3, dtype: ScalarType.Float64);
        using (torch.no_grad()) embedding.weight!.zero_();
        embedding.forward(torch.tensor(new long[] { 1, 3, 1, 1 })).sum().backward();
        Assert.Equal(new double[] { 0, 0, 0, 3, 3, 3, 0, 0, 0, 1, 1, 1 }, GradCheck.Values(embedding.weight!.grad!));
    }

    [Fact]
    public void MaskedFill()
    {
        var mask = new[] { true, false, false, true, false, true, false, false, true, false, false, false };
        GradCheck.Check(t => t[0].masked_fill(torch.tensor(mask, [3, 4]), -1e4) * 2, GradInput.Random(22, 3, 4));
    }

    [Fact]
    public void MaskedFillZeroesTheGradientWhereFilled()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.ones(2, 2, dtype: ScalarType.Float64, requires_grad: true);
        x.masked_fill(torch.tensor(new[] { true, false, false, true }, [2, 2]), double.NegativeInfinity).exp().sum().backward();
        var grad = GradCheck.Values(x.grad!);
        Assert.Equal(0.0, grad[0]);
        Assert.Equal(Math.E, grad[1], 1e-15);
        Assert.Equal(Math.E, grad[2], 1e-15);
        Assert.Equal(0.0, grad[3]);
    }

    [Fact]
    public void MaskedFillWithCausalMaskBroadcast() =>
        // A [T, T] mask broadcast over [B, T, T] scores, as in attention.
        GradCheck.Check(t => t[0].masked_fill(torch.ones(3, 3, dtype: ScalarType.Bool).triu(1), double.NegativeInfinity).softmax(-1),
            GradInput.Random(23, 2, 3, 3));

    [Fact]
    public void GatherWithRepeatedIndices() =>
        GradCheck.Check(t => t[0].gather(1, torch.tensor(new long[] { 0, 0, 3, 1, 2, 1 }, [3, 2])), GradInput.Random(24, 3, 4));

    [Fact]
    public void GatherAlongDimZero() =>
        GradCheck.Check(t => t[0].gather(0, torch.tensor(new long[] { 2, 0, 1, 1, 2, 2, 0, 0 }, [2, 4])), GradInput.Random(25, 3, 4));

    [Fact]
    public void Linear() =>
        GradCheck.Check(t => F.linear(t[0], t[1], t[2]), GradInput.Random(26, 2, 3, 4), GradInput.Random(27, 5, 4), GradInput.Random(28, 5));

    [Fact]
    public void LinearWithoutBias() =>
        GradCheck.Check(t => F.linear(t[0], t[1]), GradInput.Random(29, 3, 4), GradInput.Random(30, 2, 4));

    [Fact]
    public void Addmm() =>
        // Conv1D's bias + x·W.
        GradCheck.Check(t => torch.addmm(t[0], t[1], t[2], beta: 1, alpha: 1), GradInput.Random(31, 3), GradInput.Random(32, 2, 4), GradInput.Random(33, 4, 3));

    [Fact]
    public void Tanh() => GradCheck.Check(t => t[0].tanh(), GradInput.Random(34, 3, 4));

    [Fact]
    public void Exp() => GradCheck.Check(t => t[0].exp(), GradInput.Random(35, 3, 4));

    [Fact]
    public void Log() => GradCheck.Check(t => t[0].log(), new GradInput(GradTestData.Uniform(36, 0.5, 3, 12), [3, 4]));

    [Fact]
    public void SumAndMean() =>
        GradCheck.Check(t => torch.stack([t[0].sum(), t[0].mean(), t[0].sum(1).mean(), t[0].mean([0], keepdim: true).sum()]),
            GradInput.Random(37, 3, 4));

    [Fact]
    public void ArithmeticAndBroadcasting() =>
        GradCheck.Check(t => (t[0] * t[1] - t[0] / (t[1].square() + 1) + t[1].pow(3) * 0.5).sqrt().add(1),
            new GradInput(GradTestData.Uniform(38, 1, 2, 12), [3, 4]), new GradInput(GradTestData.Uniform(39, 1, 2, 4), [4]));

    [Fact]
    public void ScaledDotProductAttentionCausal() =>
        GradCheck.Check(t => F.scaled_dot_product_attention(t[0], t[1], t[2], is_casual: true),
            GradInput.Random(40, 1, 2, 4, 3), GradInput.Random(41, 1, 2, 4, 3), GradInput.Random(42, 1, 2, 4, 3));

    [Fact]
    public void ScaledDotProductAttentionCausalMatchesHandWrittenAttention()
    {
        using var scope = torch.NewDisposeScope();
        var q = torch.tensor(GradTestData.Normal(43, 2, 5, 4), [2, 5, 4]);
        var k = torch.tensor(GradTestData.Normal(44, 2, 5, 4), [2, 5, 4]);
        var v = torch.tensor(GradTestData.Normal(45, 2, 5, 4), [2, 5, 4]);
        var actual = GradCheck.Values(F.scaled_dot_product_attention(q, k, v, is_casual: true));
        var qa = GradCheck.Values(q);
        var ka = GradCheck.Values(k);
        var va = GradCheck.Values(v);
        for (var b = 0; b < 2; b++)
            for (var i = 0; i < 5; i++)
            {
                // Row i attends to keys 0..i.
                var scores = new double[i + 1];
                for (var j = 0; j <= i; j++)
                {
                    for (var d = 0; d < 4; d++) scores[j] += qa[(b * 5 + i) * 4 + d] * ka[(b * 5 + j) * 4 + d];
                    scores[j] /= 2; // √4
                }
                var max = scores.Max();
                var z = scores.Sum(s => Math.Exp(s - max));
                for (var d = 0; d < 4; d++)
                {
                    var expected = 0.0;
                    for (var j = 0; j <= i; j++) expected += Math.Exp(scores[j] - max) / z * va[(b * 5 + j) * 4 + d];
                    Assert.Equal(expected, actual[(b * 5 + i) * 4 + d], 1e-12);
                }
            }
    }

    [Fact]
    public void ScaledDotProductAttentionWithBooleanMask()
    {
        var allowed = new[] { true, true, false, true, false, true, true, true, true };
        GradCheck.Check(t => F.scaled_dot_product_attention(t[0], t[1], t[2], torch.tensor(allowed, [3, 3])),
            GradInput.Random(46, 2, 3, 2), GradInput.Random(47, 2, 3, 2), GradInput.Random(48, 2, 3, 2));
    }

    [Fact]
    public void ScaledDotProductAttentionWithPerRowMaskBroadcastOverHeads()
    {
        // The model's padded-batch form: q, k, v [B, H, T, D] and a [B, 1, T, T] boolean mask (causal and, in row 1,
        // a left-padded first position), broadcast over the heads.
        bool[] causal = [true, false, false, true, true, false, true, true, true];
        bool[] padded = [true, false, false, false, true, false, false, true, true];
        GradCheck.Check(t => F.scaled_dot_product_attention(t[0], t[1], t[2], torch.tensor([.. causal, .. padded], [2, 1, 3, 3])),
            GradInput.Random(51, 2, 2, 3, 2), GradInput.Random(52, 2, 2, 3, 2), GradInput.Random(53, 2, 2, 3, 2));
    }

    [Fact]
    public void ViewsTransposeAndSelect() =>
        GradCheck.Check(t => t[0].view(2, 6).transpose(0, 1).reshape(3, 4).select(0, 1) * t[0][1..^0, ..].sum(),
            GradInput.Random(49, 3, 4));
}
