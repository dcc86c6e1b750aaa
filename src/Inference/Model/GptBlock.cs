using InstructGpt.Torch;
using InstructGpt.Torch.Modules;

namespace InstructGpt.Inference.Model;

/// <summary>A pre-LayerNorm transformer block: x + attn(ln_1(x)), then x + mlp(ln_2(x)).</summary>
public sealed class GptBlock : Module
{
    public LayerNorm ln_1 { get; }
    public CausalSelfAttention attn { get; }
    public LayerNorm ln_2 { get; }
    public GptMlp mlp { get; }

    public GptBlock(GptConfig config, Generator? generator)
    {
        ln_1 = register_module("ln_1", new LayerNorm(config.NEmbd, config.LayerNormEpsilon, Device.CPU));
        attn = register_module("attn", new CausalSelfAttention(config, generator));
        ln_2 = register_module("ln_2", new LayerNorm(config.NEmbd, config.LayerNormEpsilon, Device.CPU));
        mlp = register_module("mlp", new GptMlp(config, generator));
    }

    public Tensor forward(Tensor x, Tensor? mask, KvCache? cache, int layer)
    {
        using var scope = torch.NewDisposeScope();
        x = x + attn.forward(ln_1.forward(x), mask, cache, layer);
        x = x + mlp.forward(ln_2.forward(x));
        return x.MoveToOuterDisposeScope();
    }
}
