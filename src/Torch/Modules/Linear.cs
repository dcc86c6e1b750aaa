namespace InstructGpt.Torch.Modules;

/// <summary>y = x Wᵀ + b with W [out, in], initialised as torch.nn.Linear (uniform ±1/√in).</summary>
public sealed class Linear : Module
{
    public Parameter weight { get; }
    public Parameter? bias { get; }

    public Linear(long in_features, long out_features, bool hasBias = true, Device? device = null, DType? dtype = null, Generator? generator = null)
    {
        var bound = 1.0 / Math.Sqrt(in_features);
        using (torch.NewDisposeScope())
        {
            weight = register_parameter("weight", new Parameter(torch.empty([out_features, in_features], dtype, device).uniform_(-bound, bound, generator)));
            bias = hasBias ? new Parameter(torch.empty([out_features], dtype, device).uniform_(-bound, bound, generator)) : null;
        }
        register_parameter("bias", bias, optional: true);
    }

    public Tensor forward(Tensor input) => torch.nn.functional.linear(input, weight, bias);
}
