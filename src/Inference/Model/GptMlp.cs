using InstructGpt.Torch;
using InstructGpt.Torch.Modules;
using F = InstructGpt.Torch.torch.nn.functional;

namespace InstructGpt.Inference.Model;

/// <summary>The feed-forward half of a block: c_fc (C → 4C), GELU, c_proj (4C → C), dropout.</summary>
public sealed class GptMlp : Module
{
    private readonly string activation;
    public Conv1D c_fc { get; }
    public Conv1D c_proj { get; }
    private readonly Dropout dropout;

    public GptMlp(GptConfig config, Generator? generator)
    {
        activation = config.ActivationFunction;
        c_fc = register_module("c_fc", new Conv1D(config.NEmbd, config.InnerSize, config.InitializerRange, generator));
        c_proj = register_module("c_proj", new Conv1D(config.InnerSize, config.NEmbd, config.InitializerRange / Math.Sqrt(2.0 * config.NLayer), generator));
        dropout = register_module("dropout", new Dropout(config.ResidPdrop));
    }

    public Tensor forward(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var h = c_fc.forward(x);
        h = activation switch
        {
            // "gelu_new" is GPT-2's tanh approximation of GELU.
            "gelu_new" or "gelu_pytorch_tanh" => F.gelu(h, "tanh"),
            "gelu" => F.gelu(h),
            _ => h.relu(),
        };
        return dropout.forward(c_proj.forward(h)).MoveToOuterDisposeScope();
    }
}
