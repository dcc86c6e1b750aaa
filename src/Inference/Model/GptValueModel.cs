using InstructGpt.Torch;
using InstructGpt.Torch.Modules;

namespace InstructGpt.Inference.Model;

/// <summary>PPO's value function: the GPT trunk with a per-token scalar head ("v_head"), initialised from the RM.</summary>
public sealed class GptValueModel : Module
{
    public GptModel transformer { get; }
    public Linear v_head { get; }
    public GptConfig Config => transformer.Config;

    public GptValueModel(GptConfig config, Generator? generator = null)
    {
        transformer = register_module("transformer", new GptModel(config, generator));
        v_head = register_module("v_head", ScalarHead.Create(config, generator));
    }

    /// <returns>Values [B, T], one per position.</returns>
    public Tensor forward(Tensor inputIds, Tensor? attentionMask = null)
    {
        using var hidden = transformer.forward(inputIds, attentionMask);
        using var values = v_head.forward(hidden);
        return values.squeeze(-1);
    }
}
