using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Training.Ppo;

/// <summary>Means and variances over the positions a mask selects (response tokens, not padding).</summary>
public static class MaskedStatistics
{
    public static Tensor Mean(Tensor values, Tensor mask)
    {
        using var scope = torch.NewDisposeScope();
        var m = mask.to(values.dtype);
        return ((values * m).sum() / m.sum()).MoveToOuterDisposeScope();
    }

    /// <summary>Unbiased (Bessel-corrected) variance, as TRL and lm-human-preferences use for whitening.</summary>
    public static Tensor Variance(Tensor values, Tensor mask)
    {
        using var scope = torch.NewDisposeScope();
        var m = mask.to(values.dtype);
        var count = m.sum();
        var mean = (values * m).sum() / count;
        var centred = (values - mean) * m;
        var variance = centred.square().sum() / count;
        return (variance * count / (count - 1)).MoveToOuterDisposeScope();
    }

    /// <summary>(x − mean) / √(var + 1e−8) over the masked positions; with shiftMean false the mean is added back.</summary>
    public static Tensor Whiten(Tensor values, Tensor mask, bool shiftMean = true)
    {
        using var scope = torch.NewDisposeScope();
        var mean = Mean(values, mask);
        var variance = Variance(values, mask);
        var whitened = (values - mean) * (variance + 1e-8).rsqrt();
        if (!shiftMean) whitened = whitened + mean;
        return whitened.MoveToOuterDisposeScope();
    }
}
