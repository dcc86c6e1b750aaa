using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Training.Ppo;

/// <summary>
/// Derives PPO-ptx's γ (InstructGPT Eq. 2) for the model at hand instead of carrying the paper's 27.8 over. The
/// paper's value balances a 175B policy's clipped PPO loss against its pretraining loss; the two gradients have very
/// different sizes in a 4M-parameter model (at tiny size γ = 27.8 made the pretraining gradient dozens of times the
/// policy's, and PPO-ptx became continued pretraining: docs/results.md). The rule: on the run's first minibatch,
/// γ = ratio × ‖∇ PPO loss‖ / ‖∇ pretraining loss‖, so the pretraining term pulls with <c>ratio</c> times the
/// policy gradient's strength whatever the model's size. The measured γ is kept for the rest of the run (and
/// across a resume), like a hyperparameter.
/// </summary>
public static class PtxCoefficientRule
{
    public static double Measure(IReadOnlyList<Tensor> parameters, Tensor policyLoss, Tensor pretrainingLoss, double ratio)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratio);
        var policyNorm = GradientNorm(parameters, policyLoss);
        var pretrainingNorm = GradientNorm(parameters, pretrainingLoss);
        if (!(pretrainingNorm > 0) || !double.IsFinite(policyNorm))
            throw new InvalidOperationException($"cannot derive γ: gradient norms policy {policyNorm}, pretraining {pretrainingNorm}");
        return ratio * policyNorm / pretrainingNorm;
    }

    /// <summary>‖∂loss/∂θ‖₂ over all parameters, leaving .grad untouched and the graph alive for the real backward.</summary>
    public static double GradientNorm(IReadOnlyList<Tensor> parameters, Tensor loss)
    {
        using var scope = torch.NewDisposeScope();
        var grads = torch.autograd.grad([loss], parameters.ToList(), retain_graph: true, allow_unused: true);
        var squares = grads.Where(g => g is not null && !g.IsInvalid).Select(g => g.pow(2).sum()).ToList();
        return squares.Count == 0 ? 0 : torch.stack(squares).sum().sqrt().ToDouble();
    }
}
