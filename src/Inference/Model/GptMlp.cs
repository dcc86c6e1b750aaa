using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Model;

/// <summary>The feed-forward half of a block: c_fc (C → 4C), GELU, c_proj (4C → C), dropout.</summary>
public sealed class GptMlp : nn.Module<Tensor, Tensor>
{
    private readonly string activation;
    public readonly Conv1D c_fc;
    public readonly Conv1D c_proj;
    private readonly SeededDropout dropout;

    public GptMlp(GptConfig config, Generator? generator) : base(nameof(GptMlp))
    {
        activation = config.ActivationFunction;
        c_fc = new Conv1D(config.NEmbd, config.InnerSize, config.InitializerRange, generator);
        c_proj = new Conv1D(config.InnerSize, config.NEmbd, config.InitializerRange / Math.Sqrt(2.0 * config.NLayer), generator);
        dropout = new SeededDropout(config.ResidPdrop);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var h = c_fc.forward(x);
        h = activation switch
        {
            // "gelu_new" is GPT-2's tanh approximation of GELU.
            "gelu_new" or "gelu_pytorch_tanh" => h.gelu(GELU.Approximate.tanh),
            "gelu" => h.gelu(),
            _ => h.relu(),
        };
        return dropout.forward(c_proj.forward(h)).MoveToOuterDisposeScope();
    }
}
