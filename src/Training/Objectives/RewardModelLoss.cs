using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace InstructGpt.Training.Objectives;

/// <summary>
/// The reward model's K-wise comparison loss (InstructGPT Eq. 1):
///   loss(θ) = −1/C(K,2) · E[ log σ(r(x, y_w) − r(x, y_l)) ]
/// over all pairs of one prompt's K ranked outputs. Each output is forwarded once and every pair is
/// formed from the K rewards, so the C(K,2) pairs of a prompt form one batch element (§3.5).
/// </summary>
public static class RewardModelLoss
{
    /// <param name="rewards">[K] rewards of one prompt's outputs.</param>
    /// <param name="ranks">Rank of each output, 1 = best; equal ranks are ties and form no pair.</param>
    /// <returns>The mean of −log σ(r_w − r_l) over the prompt's comparable pairs (a 0-d tensor), and the pair count.</returns>
    public static (Tensor loss, int pairs) Pairwise(Tensor rewards, IReadOnlyList<int> ranks)
    {
        if (rewards.size(0) != ranks.Count) throw new ArgumentException($"{rewards.size(0)} rewards but {ranks.Count} ranks");
        var winners = new List<long>();
        var losers = new List<long>();
        for (var i = 0; i < ranks.Count; i++)
            for (var j = 0; j < ranks.Count; j++)
                if (ranks[i] < ranks[j])
                {
                    winners.Add(i);
                    losers.Add(j);
                }
        using var scope = torch.NewDisposeScope();
        if (winners.Count == 0) return (torch.zeros(Array.Empty<long>(), dtype: rewards.dtype, device: rewards.device).MoveToOuterDisposeScope(), 0);
        var w = rewards.index_select(0, torch.tensor(winners.ToArray(), device: rewards.device));
        var l = rewards.index_select(0, torch.tensor(losers.ToArray(), device: rewards.device));
        return ((-F.logsigmoid(w - l)).mean().MoveToOuterDisposeScope(), winners.Count);
    }

    /// <summary>Fraction of a prompt's comparable pairs that the rewards order correctly.</summary>
    /// <param name="include">Which pairs (i, j) count; all ranked pairs when null.</param>
    public static (int correct, int pairs) Accuracy(IReadOnlyList<double> rewards, IReadOnlyList<int> ranks, Func<int, int, bool>? include = null)
    {
        int correct = 0, pairs = 0;
        for (var i = 0; i < ranks.Count; i++)
            for (var j = 0; j < ranks.Count; j++)
                if (ranks[i] < ranks[j] && (include is null || include(i, j)))
                {
                    pairs++;
                    if (rewards[i] > rewards[j]) correct++;
                }
        return (correct, pairs);
    }
}
