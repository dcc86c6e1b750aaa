using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace InstructGpt.Training.Tests.Runs;

/// <summary>A float64 module with one matrix (decayed by <see cref="Training.Runs.OptimizerFactory"/>) and one vector (not decayed).</summary>
internal sealed class TwoParameterModel : nn.Module
{
    public static readonly double[] InitialWeight = [1.0, -2.0, 0.5, 3.0];
    public static readonly double[] InitialBias = [0.25, -0.75];

    public Parameter weight;
    public Parameter bias;

    public TwoParameterModel(double[]? weightValues = null, double[]? biasValues = null) : base(nameof(TwoParameterModel))
    {
        weight = new Parameter(torch.tensor(weightValues ?? InitialWeight, new long[] { 2, 2 }));
        bias = new Parameter(torch.tensor(biasValues ?? InitialBias));
        RegisterComponents();
    }

    public static double[] Values(Tensor t) => t.detach().cpu().data<double>().ToArray();

    public static void SetGrad(Parameter p, double[] g)
    {
        using var scope = torch.NewDisposeScope();
        p.grad = torch.tensor(g, p.shape).DetachFromDisposeScope();
    }
}
