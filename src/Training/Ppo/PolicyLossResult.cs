using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Training.Ppo;

public sealed record PolicyLossResult(Tensor Loss, double ClipFraction, double ApproxKl);
