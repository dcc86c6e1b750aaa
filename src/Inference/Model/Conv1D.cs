using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Model;

/// <summary>
/// GPT-2's "Conv1D": a linear layer whose weight is stored [in, out] (the transpose of nn.Linear),
/// kept in that layout so checkpoints map one-to-one onto Hugging Face's.
/// </summary>
public sealed class Conv1D : nn.Module<Tensor, Tensor>
{
    // Fields, not get-only properties: TorchSharp's Module.to() writes moved parameters back by name.
    public Parameter weight;
    public Parameter bias;
    private readonly long outFeatures;

    public Conv1D(long inFeatures, long outFeatures, double initStd, Generator? generator = null) : base(nameof(Conv1D))
    {
        this.outFeatures = outFeatures;
        // Parameters belong to the module, not to whatever dispose scope the caller has open.
        weight = (Parameter)new Parameter(torch.empty(inFeatures, outFeatures).normal_(0, initStd, generator)).DetachFromDisposeScope();
        bias = (Parameter)new Parameter(torch.zeros(outFeatures)).DetachFromDisposeScope();
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var shape = x.shape;
        shape[^1] = outFeatures;
        using var flat = x.reshape(-1, x.size(-1));
        using var y = torch.addmm(bias, flat, weight, beta: 1, alpha: 1);
        return y.view(shape);
    }
}
