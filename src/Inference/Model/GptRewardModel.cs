using InstructGpt.Torch;
using InstructGpt.Torch.Modules;

namespace InstructGpt.Inference.Model;

/// <summary>
/// The paper's reward model: the GPT trunk with its LM head replaced by a scalar head ("score"),
/// read at the last real token of prompt + response (InstructGPT §3.5).
/// </summary>
public sealed class GptRewardModel : Module
{
    public GptModel transformer { get; }
    public Linear score { get; }
    public GptConfig Config => transformer.Config;

    public GptRewardModel(GptConfig config, Generator? generator = null)
    {
        transformer = register_module("transformer", new GptModel(config, generator));
        score = register_module("score", ScalarHead.Create(config, generator));
    }

    /// <returns>Rewards [B], one per sequence.</returns>
    public Tensor forward(Tensor inputIds, Tensor? attentionMask = null)
    {
        using var scope = torch.NewDisposeScope();
        var mask = attentionMask ?? torch.ones(inputIds.shape, DType.Int64, inputIds.device);
        var hidden = transformer.forward(inputIds, attentionMask);
        var last = ScalarHead.LastTokenIndex(mask);
        var index = last.view(-1, 1, 1).expand(hidden.size(0), 1, hidden.size(2));
        var final = hidden.gather(1, index).squeeze(1);
        return score.forward(final).squeeze(-1).MoveToOuterDisposeScope();
    }
}
