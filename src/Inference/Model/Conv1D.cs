using InstructGpt.Torch;
using InstructGpt.Torch.Modules;
using F = InstructGpt.Torch.torch.nn.functional;

namespace InstructGpt.Inference.Model;

/// <summary>
/// GPT-2's "Conv1D": a linear layer whose weight is stored [in, out] (the transpose of nn.Linear),
/// kept in that layout so checkpoints map one-to-one onto Hugging Face's.
/// </summary>
public sealed class Conv1D : Module
{
    public Parameter weight { get; }
    public Parameter bias { get; }
    private readonly long outFeatures;

    public Conv1D(long inFeatures, long outFeatures, double initStd, Generator? generator = null)
    {
        this.outFeatures = outFeatures;
        using var scope = torch.NewDisposeScope();
        weight = register_parameter("weight", new Parameter(torch.empty([inFeatures, outFeatures], device: Device.CPU).normal_(0, initStd, generator)));
        bias = register_parameter("bias", new Parameter(torch.zeros([outFeatures], device: Device.CPU)));
    }

    public Tensor forward(Tensor x)
    {
        var shape = x.shape;
        shape[^1] = outFeatures;
        using var flat = x.reshape(-1, x.size(-1));
        using var y = F.addmm(bias, flat, weight);
        return y.view(shape);
    }
}
