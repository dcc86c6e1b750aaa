using InstructGpt.Training.Ppo;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Training.Tests.Ppo;

/// <summary>Expected values are worked out by hand (plain arithmetic, shown in comments), not by our code.</summary>
public class PpoMathTests
{
    private static Tensor Row(params double[] values) => torch.tensor(values, new long[] { 1, values.Length }, device: torch.CPU);

    [Fact]
    public void GaeOnAFiveStepTrajectory()
    {
        using var scope = torch.NewDisposeScope();
        // γ = 1, λ = 0.95; rewards r and values V. Backwards: A4 = 1 − 0.5 = 0.5;
        // δ3 = 0 + 0.5 − 0.4 = 0.1, A3 = 0.1 + 0.95·0.5 = 0.575; δ2 = 0.05 + 0.4 − 0.3 = 0.15, A2 = 0.15 + 0.95·0.575 = 0.69625;
        // δ1 = −0.1 + 0.3 − 0.2 = 0, A1 = 0.95·0.69625 = 0.6614375; δ0 = 0 + 0.2 − 0.1 = 0.1, A0 = 0.1 + 0.95·0.6614375 = 0.728365625.
        var (advantages, returns) = PpoMath.ComputeAdvantages(Row(0.1, 0.2, 0.3, 0.4, 0.5), Row(0.0, -0.1, 0.05, 0.0, 1.0), Row(1, 1, 1, 1, 1), 1.0, 0.95);
        Assert.Equal([0.728365625, 0.6614375, 0.69625, 0.575, 0.5], advantages.data<double>().ToArray().Select(x => Math.Round(x, 12)));
        Assert.Equal([0.828365625, 0.8614375, 0.99625, 0.975, 1.0], returns.data<double>().ToArray().Select(x => Math.Round(x, 12)));
    }

    [Fact]
    public void GaeIgnoresPaddingAfterTheResponse()
    {
        using var scope = torch.NewDisposeScope();
        // Two real steps then padding with junk values: A1 = 1 − 0.5 = 0.5 (V past the end is 0), A0 = (0 + 0.5 − 0.2) + 0.95·0.5 = 0.775.
        var (advantages, _) = PpoMath.ComputeAdvantages(Row(0.2, 0.5, 9, 9), Row(0, 1, 7, 7), Row(1, 1, 0, 0), 1.0, 0.95);
        Assert.Equal([0.775, 0.5, 0, 0], advantages.data<double>().ToArray().Select(x => Math.Round(x, 12)));
    }

    [Fact]
    public void ClippedPolicyLossInsideAndOutsideTheClip()
    {
        using var scope = torch.NewDisposeScope();
        // ratios e^0.1 = 1.10517 (inside), e^0.5 = 1.64872 with A = +1 (clipped to 1.2), e^−0.1 = 0.904837 (inside),
        // e^−0.5 = 0.606531 with A = −1 (clipped to 0.8). Per-token max(−A·ρ, −A·clip(ρ)):
        // −1.1051709, −1.2, −2·0.9048374 = −1.8096748, 0.8 → mean −0.8287114. Two of four clipped.
        var result = PpoMath.PolicyLoss(Row(-1.0, -0.5, -2.0, -2.5), Row(-1.1, -1.0, -1.9, -2.0), Row(1, 1, 2, -1), Row(1, 1, 1, 1), 0.2);
        Assert.Equal(-0.8287114385368917, result.Loss.item<double>(), 12);
        Assert.Equal(0.5, result.ClipFraction, 12);
        Assert.Equal(0.5 * (0.01 + 0.25 + 0.01 + 0.25) / 4, result.ApproxKl, 12);
    }

    [Fact]
    public void ClippedValueLoss()
    {
        using var scope = torch.NewDisposeScope();
        // V=0.5 (old 0.4, inside ±0.2), R=1: (0.5−1)² = 0.25 both. V=1.0 (old 0.5 → clipped 0.7), R=0.2: max(0.64, 0.25) = 0.64.
        // V=−0.3 (old 0 → clipped −0.2), R=−1: max(0.49, 0.64) = 0.64, clipped. ½·mean = ½·1.53/3 = 0.255.
        var result = PpoMath.ValueLoss(Row(0.5, 1.0, -0.3), Row(0.4, 0.5, 0.0), Row(1.0, 0.2, -1.0), Row(1, 1, 1), 0.2);
        Assert.Equal(0.255, result.Loss.item<double>(), 12);
        Assert.Equal(1.0 / 3, result.ClipFraction, 12);
    }

    [Fact]
    public void PerTokenKlRewardShaping()
    {
        using var scope = torch.NewDisposeScope();
        // β = 0.02. Row 0: KL = [0.5, −0.2, 0.1, (pad)] → −β·KL = [−0.01, 0.004, −0.002, 0] and the score 2.0 lands on the last real token.
        // Row 1: KL = [0.3, 0, 0, 0] with one real token → [−0.006 + (−1.0), 0, 0, 0].
        var logprobs = torch.tensor(new[] { -1.0, -2.0, -0.5, -3.0, -0.7, -1.0, -1.0, -1.0 }, new long[] { 2, 4 }, device: torch.CPU);
        var reference = torch.tensor(new[] { -1.5, -1.8, -0.6, -9.0, -1.0, -5.0, -5.0, -5.0 }, new long[] { 2, 4 }, device: torch.CPU);
        var mask = torch.tensor(new[] { 1.0, 1, 1, 0, 1, 0, 0, 0 }, new long[] { 2, 4 }, device: torch.CPU);
        var (rewards, kl) = PpoMath.KlShapedRewards(logprobs, reference, torch.tensor(new[] { 2.0, -1.0 }, device: torch.CPU), mask, 0.02);
        Assert.Equal([-0.01, 0.004, 1.998, 0, -1.006, 0, 0, 0], rewards.data<double>().ToArray().Select(x => Math.Round(x, 12)));
        Assert.Equal([0.5, -0.2, 0.1, 0, 0.3, 0, 0, 0], kl.data<double>().ToArray().Select(x => Math.Round(x, 12)));
    }

    [Fact]
    public void WhiteningGivesZeroMeanUnitVarianceOverTheMask()
    {
        using var scope = torch.NewDisposeScope();
        // Masked values 1, 2, 3: mean 2, unbiased variance 1 → −1, 0, 1; the padded 100 is excluded from the statistics.
        var whitened = MaskedStatistics.Whiten(Row(1, 2, 3, 100), Row(1, 1, 1, 0)).data<double>().ToArray();
        Assert.Equal(-1, whitened[0], 6);
        Assert.Equal(0, whitened[1], 6);
        Assert.Equal(1, whitened[2], 6);
    }

    [Fact]
    public void AdaptiveKlControllerMovesTowardTheTarget()
    {
        // KL 12 vs target 6: error clipped to 0.2; β ← 0.1·(1 + 0.2·256/10000) = 0.100512.
        var controller = new AdaptiveKlController(0.1, 6, 10000);
        controller.Update(12, 256);
        Assert.Equal(0.100512, controller.Coefficient, 12);
        // KL 3: error −0.5 → clipped −0.2.
        controller.Update(3, 256);
        Assert.Equal(0.100512 * (1 - 0.2 * 256 / 10000.0), controller.Coefficient, 12);
    }
}
