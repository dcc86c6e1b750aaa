using InstructGpt.Torch.Modules;

namespace InstructGpt.Torch.Optim;

/// <summary>
/// Parameters that share hyperparameters. A null value takes the optimizer's default, so the
/// common split (decay for matrices, none for biases and norms) is two groups differing only in
/// <see cref="WeightDecay"/>.
/// </summary>
public sealed class ParamGroup(IEnumerable<Parameter> parameters)
{
    public IReadOnlyList<Parameter> Parameters { get; } = parameters.ToList();
    public double? LearningRate { get; set; }
    public double? Beta1 { get; set; }
    public double? Beta2 { get; set; }
    public double? Eps { get; set; }
    public double? WeightDecay { get; set; }
}
