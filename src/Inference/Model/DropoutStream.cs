using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Model;

/// <summary>
/// Points every dropout in a model (embedding, residual and attention) at one generator, so a
/// training run's dropout masks come from a stream it owns, can save and can restore — unaffected
/// by other threads (for example the API sampling) that draw from libtorch's global generator.
/// </summary>
public static class DropoutStream
{
    public static void Use(nn.Module model, Generator? generator)
    {
        foreach (var (_, module) in model.named_modules())
        {
            if (module is SeededDropout dropout) dropout.generator = generator;
            if (module is CausalSelfAttention attention) attention.DropoutGenerator = generator;
        }
    }
}
