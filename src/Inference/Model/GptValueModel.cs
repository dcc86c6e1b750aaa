using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Model;

/// <summary>PPO's value function: the GPT trunk with a per-token scalar head ("v_head"), initialised from the RM.</summary>
public sealed class GptValueModel : nn.Module
{
    public readonly GptModel transformer;
    public readonly Linear v_head;
    public GptConfig Config => transformer.Config;

    public GptValueModel(GptConfig config, Generator? generator = null) : base(nameof(GptValueModel))
    {
        transformer = new GptModel(config, generator);
        v_head = ScalarHead.Create(config, generator);
        RegisterComponents();
    }

    /// <returns>Values [B, T], one per position.</returns>
    public Tensor forward(Tensor inputIds, Tensor? attentionMask = null)
    {
        using var hidden = transformer.forward(inputIds, attentionMask);
        using var values = v_head.forward(hidden);
        return values.squeeze(-1);
    }
}
