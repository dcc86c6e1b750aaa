using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Training.Ppo;

/// <summary>
/// PPO's quantities as pure functions over [B, T] response tensors, named as in the paper and in
/// lm-human-preferences / TRL. <c>mask</c> is 1 on response tokens up to and including EOS, 0 on
/// padding after it; responses are right-padded.
/// </summary>
public static class PpoMath
{
    /// <summary>
    /// Per-token rewards (InstructGPT Eq. 2 without the ptx term): −β·(log π_RL(y_t) − log π_SFT(y_t))
    /// at every response token, plus the reward model's score r(x, y) at the last one. Padding gets 0,
    /// so its KL is exactly 0.
    /// </summary>
    /// <returns>rewards [B, T] and the per-token KL [B, T] (masked).</returns>
    public static (Tensor rewards, Tensor kl) KlShapedRewards(Tensor logprobs, Tensor referenceLogprobs, Tensor scores, Tensor mask, double beta)
    {
        using var scope = torch.NewDisposeScope();
        var m = mask.to(logprobs.dtype);
        var kl = (logprobs - referenceLogprobs) * m;
        var rewards = -beta * kl;
        var last = (mask.@long().sum(1, keepdim: true) - 1).clamp_min(0);
        rewards = rewards.scatter_add(1, last, scores.to(logprobs.dtype).unsqueeze(1) * m.gather(1, last));
        return (rewards.MoveToOuterDisposeScope(), kl.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Generalised advantage estimation (Schulman et al., 2016), computed backwards over the response:
    ///   δ_t = r_t + γ·V_{t+1} − V_t,  A_t = δ_t + γλ·A_{t+1},  returns = A + V,
    /// with V = 0 past the end. InstructGPT uses γ = 1 and λ = 0.95.
    /// </summary>
    public static (Tensor advantages, Tensor returns) ComputeAdvantages(Tensor values, Tensor rewards, Tensor mask, double gamma, double lambda)
    {
        using var scope = torch.NewDisposeScope();
        var m = mask.to(values.dtype);
        var v = values * m;
        var r = rewards * m;
        var steps = values.size(1);
        var columns = new Tensor[steps];
        var lastAdvantage = torch.zeros(new long[] { values.size(0) }, dtype: values.dtype, device: values.device);
        for (var t = steps - 1; t >= 0; t--)
        {
            var nextValue = t + 1 < steps ? v.select(1, t + 1) : torch.zeros(new long[] { values.size(0) }, dtype: values.dtype, device: values.device);
            var delta = r.select(1, t) + gamma * nextValue - v.select(1, t);
            lastAdvantage = delta + gamma * lambda * lastAdvantage;
            columns[t] = lastAdvantage;
        }
        var advantages = torch.stack(columns, 1) * m;
        var returns = (advantages + v) * m;
        return (advantages.MoveToOuterDisposeScope(), returns.MoveToOuterDisposeScope());
    }

    /// <summary>The clipped surrogate objective (Schulman et al., 2017) as a loss, with diagnostics.</summary>
    public static PolicyLossResult PolicyLoss(Tensor logprobs, Tensor oldLogprobs, Tensor advantages, Tensor mask, double clip)
    {
        using var scope = torch.NewDisposeScope();
        var logRatio = logprobs - oldLogprobs;
        var ratio = logRatio.exp();
        var unclipped = -advantages * ratio;
        var clipped = -advantages * ratio.clamp(1 - clip, 1 + clip);
        var loss = MaskedStatistics.Mean(unclipped.maximum(clipped), mask);
        var clipFraction = MaskedStatistics.Mean(clipped.gt(unclipped).to(logprobs.dtype), mask);
        var approxKl = 0.5 * MaskedStatistics.Mean(logRatio.square(), mask);
        return new PolicyLossResult(loss.MoveToOuterDisposeScope(), clipFraction.ToDouble(), approxKl.ToDouble());
    }

    /// <summary>The value loss with the prediction clipped to ±clip around the rollout's values: ½·max((V−R)², (V_clip−R)²).</summary>
    public static ValueLossResult ValueLoss(Tensor values, Tensor oldValues, Tensor returns, Tensor mask, double clip)
    {
        using var scope = torch.NewDisposeScope();
        var clippedValues = values.clamp(oldValues - clip, oldValues + clip);
        var unclipped = (values - returns).square();
        var clipped = (clippedValues - returns).square();
        var loss = 0.5 * MaskedStatistics.Mean(unclipped.maximum(clipped), mask);
        var clipFraction = MaskedStatistics.Mean(clipped.gt(unclipped).to(values.dtype), mask);
        return new ValueLossResult(loss.MoveToOuterDisposeScope(), clipFraction.ToDouble());
    }

    /// <summary>Mean entropy of the policy's next-token distributions over response tokens.</summary>
    public static double Entropy(Tensor logits, Tensor mask)
    {
        using var scope = torch.NewDisposeScope();
        var logp = logits.@float().log_softmax(-1);
        var entropy = -(logp.exp() * logp).sum(-1);
        return MaskedStatistics.Mean(entropy, mask).ToDouble();
    }

    /// <summary>1 − Var(returns − values) / Var(returns): how much of the return the value head explains.</summary>
    public static double ExplainedVariance(Tensor values, Tensor returns, Tensor mask)
    {
        using var scope = torch.NewDisposeScope();
        var returnsVariance = MaskedStatistics.Variance(returns, mask).ToDouble();
        var residualVariance = MaskedStatistics.Variance(returns - values, mask).ToDouble();
        return returnsVariance == 0 ? double.NaN : 1 - residualVariance / returnsVariance;
    }
}
