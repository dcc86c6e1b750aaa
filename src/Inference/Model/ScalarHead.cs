using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Model;

/// <summary>
/// A linear map from a hidden state to one number, the reward and value heads. Weights start from
/// N(0, 1/√(d+1)) (InstructGPT's RM head init, also used by lm-human-preferences), the bias from 0.
/// </summary>
internal static class ScalarHead
{
    public static Linear Create(GptConfig config, Generator? generator)
    {
        var head = nn.Linear(config.NEmbd, 1, hasBias: true);
        using var noGrad = torch.no_grad();
        head.weight.normal_(0, 1.0 / Math.Sqrt(config.NEmbd + 1), generator);
        head.bias!.zero_();
        return head;
    }

    /// <summary>Index of the last real token in each row of a [B, T] mask (works for left and right padding).</summary>
    public static Tensor LastTokenIndex(Tensor attentionMask)
    {
        using var scope = torch.NewDisposeScope();
        var positions = torch.arange(0, attentionMask.size(1), device: attentionMask.device).unsqueeze(0);
        return (attentionMask.@long() * positions).argmax(1).MoveToOuterDisposeScope();
    }
}
