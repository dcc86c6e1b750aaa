using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Model;

/// <summary>A pre-LayerNorm transformer block: x + attn(ln_1(x)), then x + mlp(ln_2(x)).</summary>
public sealed class GptBlock : nn.Module
{
    public readonly LayerNorm ln_1;
    public readonly CausalSelfAttention attn;
    public readonly LayerNorm ln_2;
    public readonly GptMlp mlp;

    public GptBlock(GptConfig config, Generator? generator) : base(nameof(GptBlock))
    {
        ln_1 = nn.LayerNorm(config.NEmbd, config.LayerNormEpsilon);
        attn = new CausalSelfAttention(config, generator);
        ln_2 = nn.LayerNorm(config.NEmbd, config.LayerNormEpsilon);
        mlp = new GptMlp(config, generator);
        RegisterComponents();
    }

    public Tensor forward(Tensor x, Tensor? mask, KvCache? cache, int layer)
    {
        using var scope = torch.NewDisposeScope();
        x = x + attn.forward(ln_1.forward(x), mask, cache, layer);
        x = x + mlp.forward(ln_2.forward(x));
        return x.MoveToOuterDisposeScope();
    }
}
