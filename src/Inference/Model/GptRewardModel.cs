using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Model;

/// <summary>
/// The paper's reward model: the GPT trunk with its LM head replaced by a scalar head ("score"),
/// read at the last real token of prompt + response (InstructGPT §3.5).
/// </summary>
public sealed class GptRewardModel : nn.Module
{
    public readonly GptModel transformer;
    public readonly Linear score;
    public GptConfig Config => transformer.Config;

    public GptRewardModel(GptConfig config, Generator? generator = null) : base(nameof(GptRewardModel))
    {
        transformer = new GptModel(config, generator);
        score = ScalarHead.Create(config, generator);
        RegisterComponents();
    }

    /// <returns>Rewards [B], one per sequence.</returns>
    public Tensor forward(Tensor inputIds, Tensor? attentionMask = null)
    {
        using var scope = torch.NewDisposeScope();
        var mask = attentionMask ?? torch.ones(inputIds.shape, dtype: ScalarType.Int64, device: inputIds.device);
        var hidden = transformer.forward(inputIds, attentionMask);
        var last = ScalarHead.LastTokenIndex(mask);
        var index = last.view(-1, 1, 1).expand(hidden.size(0), 1, hidden.size(2));
        var final = hidden.gather(1, index).squeeze(1);
        return score.forward(final).squeeze(-1).MoveToOuterDisposeScope();
    }
}
