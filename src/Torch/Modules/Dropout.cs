namespace InstructGpt.Torch.Modules;

/// <summary>Zeroes elements with probability p in training mode; the identity in eval mode.</summary>
public sealed class Dropout(double p = 0.5) : Module
{
    public double p { get; set; } = p is >= 0 and <= 1 ? p : throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability must be in [0, 1]");

    /// <summary>Where the masks come from; null draws from libtorch's global generator.</summary>
    public Generator? generator { get; set; }

    public Tensor forward(Tensor input) =>
        training && p > 0 ? torch.nn.functional.dropout(input, p, true, generator) : input.alias();
}
