using InstructGpt.Training.Ppo;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Training.Tests.Ppo;

/// <summary>Gradients of hand-made losses whose norms are known in closed form.</summary>
public class PtxCoefficientRuleTests
{
    [Fact]
    public void TheGradientNormIsTheClosedFormOneAndLeavesGradUntouched()
    {
        using var scope = torch.NewDisposeScope();
        var w = torch.tensor(new double[] { 1, 2, 2 }).requires_grad_(true);
        var v = torch.tensor(new double[] { 3, 4 }).requires_grad_(true);
        // L = Σ w_i² + 0.5·Σ v_i²: ∂L/∂w = 2w = (2, 4, 4), ∂L/∂v = v = (3, 4); ‖·‖ = √(4 + 16 + 16 + 9 + 16) = √61.
        var loss = w.pow(2).sum() + 0.5 * v.pow(2).sum();
        Assert.Equal(Math.Sqrt(61), PtxCoefficientRule.GradientNorm([w, v], loss), 10);
        Assert.True(w.grad is null || w.grad.IsInvalid, "measuring must not accumulate into .grad");
        loss.backward(); // the graph is still alive for the real step
        Assert.Equal([2.0, 4.0, 4.0], w.grad!.data<double>().ToArray());
    }

    [Fact]
    public void GammaScalesThePretrainingGradientToTheRatioOfThePolicyGradient()
    {
        using var scope = torch.NewDisposeScope();
        var w = torch.tensor(new double[] { 3, 4 }).requires_grad_(true);
        // policy loss 2·(3w₁ + 4w₂): gradient norm 10; pretraining loss w₁ + 0·w₂: gradient (1, 0), norm 1.
        var policy = 2 * (w * torch.tensor(new double[] { 3, 4 })).sum();
        var pretraining = (w * torch.tensor(new double[] { 1, 0 })).sum();
        Assert.Equal(10.0, PtxCoefficientRule.Measure([w], policy, pretraining, 1.0), 10);
        Assert.Equal(2.5, PtxCoefficientRule.Measure([w], policy, pretraining, 0.25), 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => PtxCoefficientRule.Measure([w], policy, pretraining, 0));
    }
}
