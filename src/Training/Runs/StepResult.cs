using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Training.Runs;

/// <summary>What one training step computed: the loss to minimise (0-d, with grad), the tokens it covered, and extra metrics.</summary>
public sealed record StepResult(Tensor Loss, long Tokens, IReadOnlyDictionary<string, double>? Metrics = null);
