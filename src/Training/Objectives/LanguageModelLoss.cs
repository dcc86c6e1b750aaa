using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace InstructGpt.Training.Objectives;

/// <summary>
/// Next-token cross-entropy. Labels equal to <see cref="IgnoreIndex"/> contribute nothing, which is
/// how SFT trains on completion tokens only (prompt and padding labels are masked) and how packed
/// pretraining ignores nothing.
/// </summary>
public static class LanguageModelLoss
{
    /// <summary>PyTorch's default ignore_index.</summary>
    public const long IgnoreIndex = -100;

    /// <param name="logits">[B, T, V]: logits[:, t] predicts the token at t + 1.</param>
    /// <param name="labels">[B, T]: the tokens themselves (shifted here), IgnoreIndex where not trained.</param>
    /// <returns>The mean loss over trained tokens.</returns>
    public static Tensor Compute(Tensor logits, Tensor labels)
    {
        using var scope = torch.NewDisposeScope();
        long b = logits.size(0), t = logits.size(1), v = logits.size(2);
        var predictions = logits.narrow(1, 0, t - 1).reshape(b * (t - 1), v);
        var targets = labels.narrow(1, 1, t - 1).reshape(b * (t - 1));
        return F.cross_entropy(predictions, targets, ignore_index: IgnoreIndex).MoveToOuterDisposeScope();
    }

    /// <summary>Labels for prompt + completion rows: the ids, with prompt and padding positions set to IgnoreIndex.</summary>
    public static Tensor CompletionLabels(Tensor inputIds, Tensor completionMask)
    {
        using var scope = torch.NewDisposeScope();
        return inputIds.masked_fill(completionMask.@bool().logical_not(), IgnoreIndex).MoveToOuterDisposeScope();
    }
}
