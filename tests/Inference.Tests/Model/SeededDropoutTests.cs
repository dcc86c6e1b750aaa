using InstructGpt.Inference.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Tests.Model;

public class SeededDropoutTests
{
    [Fact]
    public void TheSameGeneratorStateGivesTheSameMask()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.ones(64, 64);
        using var dropout = new SeededDropout(0.3);
        dropout.train();
        using var generator = new Generator(7);
        var state = generator.get_state();
        dropout.generator = generator;
        var first = dropout.forward(x);
        generator.set_state(state);
        var second = dropout.forward(x);
        Assert.True(first.eq(second).all().item<bool>(), "a restored generator must repeat the mask (resume after kill -9 depends on it)");
        var third = dropout.forward(x);
        Assert.False(first.eq(third).all().item<bool>(), "the generator must advance between calls");
    }

    [Fact]
    public void KeptElementsAreScaledAndTheDropRateIsP()
    {
        using var scope = torch.NewDisposeScope();
        const double p = 0.25;
        using var dropout = new SeededDropout(p) { generator = new Generator(3) };
        dropout.train();
        var y = dropout.forward(torch.ones(200_000));
        var dropped = y.eq(0).sum().item<long>() / 200_000.0;
        // Binomial(200000, 0.25): standard deviation of the rate ≈ 0.001; 5σ bound.
        Assert.InRange(dropped, p - 0.005, p + 0.005);
        var kept = y.masked_select(y.ne(0));
        Assert.True(kept.allclose(torch.full_like(kept, 1 / (1 - p))), "kept elements are scaled by 1/(1-p), as torch.nn.functional.dropout");
    }

    [Fact]
    public void EvaluationModeAndZeroProbabilityPassTheInputThrough()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(8, 8);
        using var dropout = new SeededDropout(0.5);
        dropout.eval();
        Assert.True(dropout.forward(x).eq(x).all().item<bool>());
        using var none = new SeededDropout(0.0);
        none.train();
        Assert.True(none.forward(x).eq(x).all().item<bool>());
    }

    [Fact]
    public void AProbabilityOutsideZeroToOneIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SeededDropout(1.5));
}
