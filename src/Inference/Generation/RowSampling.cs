using InstructGpt.Inference.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Generation;

/// <summary>How one row of a decode batch samples its next token.</summary>
/// <param name="Generator">The row's own random stream (a seeded request), or null for the global one.</param>
public sealed record RowSampling(double Temperature, int TopK, double TopP, torch.Generator? Generator);
