using InstructGpt.Training.Objectives;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Training.Tests.Objectives;

public class RewardModelLossTests
{
    [Fact]
    public void KEqualsFourAveragesTheSixPairs()
    {
        using var scope = torch.NewDisposeScope();
        // Rewards [1.0, 0.5, −0.2, 0.3] ranked best to worst: the C(4,2) = 6 differences r_w − r_l are
        // 0.5, 1.2, 0.7, 0.7, 0.2, −0.5, and −log σ(d) = log(1 + e^−d) averages to 0.519324567141792.
        var rewards = torch.tensor(new[] { 1.0, 0.5, -0.2, 0.3 }, device: torch.CPU);
        var (loss, pairs) = RewardModelLoss.Pairwise(rewards, [1, 2, 3, 4]);
        Assert.Equal(6, pairs);
        Assert.Equal(0.519324567141792, loss.item<double>(), 12);
    }

    [Fact]
    public void TiesFormNoPair()
    {
        using var scope = torch.NewDisposeScope();
        // Ranks [1, 2, 2]: pairs (0,1) and (0,2) only; d = 1 and 2 → (log(1+e^−1) + log(1+e^−2)) / 2.
        var rewards = torch.tensor(new[] { 2.0, 1.0, 0.0 }, device: torch.CPU);
        var (loss, pairs) = RewardModelLoss.Pairwise(rewards, [1, 2, 2]);
        Assert.Equal(2, pairs);
        Assert.Equal((Math.Log(1 + Math.Exp(-1)) + Math.Log(1 + Math.Exp(-2))) / 2, loss.item<double>(), 12);
    }

    [Fact]
    public void GradientPushesWinnersUpAndLosersDown()
    {
        using var scope = torch.NewDisposeScope();
        var rewards = torch.tensor(new[] { 0.0, 0.0 }, device: torch.CPU, requires_grad: true);
        RewardModelLoss.Pairwise(rewards, [1, 2]).loss.backward();
        // d/dr_w of log(1 + e^−(r_w − r_l)) at 0 is −σ(0) = −0.5.
        Assert.Equal([-0.5, 0.5], rewards.grad!.data<double>().ToArray());
    }

    [Fact]
    public void AccuracyCountsOrderedPairsAndHonoursAFilter()
    {
        // Ranked best to worst with rewards [1.0, 0.5, −0.2, 0.3]: of the 6 pairs only (2,3) is misordered (−0.2 < 0.3).
        double[] rewards = [1.0, 0.5, -0.2, 0.3];
        Assert.Equal((5, 6), RewardModelLoss.Accuracy(rewards, [1, 2, 3, 4]));
        // Leaving out every pair with output 0 (say, a demonstration): (1,2), (1,3) right, (2,3) wrong.
        Assert.Equal((2, 3), RewardModelLoss.Accuracy(rewards, [1, 2, 3, 4], (i, j) => i != 0 && j != 0));
    }
}
