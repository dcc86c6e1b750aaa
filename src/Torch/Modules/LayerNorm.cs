namespace InstructGpt.Torch.Modules;

/// <summary>Layer normalisation over the last dimension with a learned scale (1) and shift (0).</summary>
public sealed class LayerNorm : Module
{
    public Parameter weight { get; }
    public Parameter bias { get; }
    public double eps { get; }
    private readonly long[] normalizedShape;

    public LayerNorm(long normalized_shape, double eps = 1e-5, Device? device = null, DType? dtype = null)
    {
        this.eps = eps;
        normalizedShape = [normalized_shape];
        using (torch.NewDisposeScope())
        {
            weight = register_parameter("weight", new Parameter(torch.ones([normalized_shape], dtype, device)));
            bias = register_parameter("bias", new Parameter(torch.zeros([normalized_shape], dtype, device)));
        }
    }

    public Tensor forward(Tensor input) => torch.nn.functional.layer_norm(input, normalizedShape, weight, bias, eps);
}
