using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace InstructGpt.Inference.Model;

/// <summary>
/// Dropout whose masks can come from a generator of the trainer's own (<see cref="DropoutStream"/>): a run resumed
/// after a kill then draws the same masks as the uninterrupted run. TorchSharp's nn.Dropout always draws from
/// libtorch's global generator. Without a generator this is plain dropout.
/// </summary>
public sealed class SeededDropout : nn.Module<Tensor, Tensor>
{
    public readonly double p;

    /// <summary>Where masks come from; null uses libtorch's global generator.</summary>
    public Generator? generator;

    public SeededDropout(double p) : base(nameof(SeededDropout)) =>
        this.p = p is >= 0 and <= 1 ? p : throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability must be in [0, 1]");

    public override Tensor forward(Tensor input) => training && p > 0 ? Apply(input, p, generator) : input.alias();

    /// <summary>Zeroes each element with probability p and scales the rest by 1/(1-p), as torch.nn.functional.dropout.</summary>
    public static Tensor Apply(Tensor input, double p, Generator? generator)
    {
        if (generator is null) return F.dropout(input, p, training: true);
        if (p >= 1) return torch.zeros_like(input);
        using var keep = torch.empty_like(input).bernoulli_(1 - p, generator);
        keep.div_(1 - p);
        return input * keep;
    }
}
