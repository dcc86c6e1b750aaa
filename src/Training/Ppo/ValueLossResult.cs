using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Training.Ppo;

public sealed record ValueLossResult(Tensor Loss, double ClipFraction);
