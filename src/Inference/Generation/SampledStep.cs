using InstructGpt.Inference.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Generation;

/// <summary>The outcome of one decode step for a batch: the chosen token of each row and, when asked for, its log-probabilities.</summary>
/// <param name="Logprobs">Each row's chosen token's log-probability, or null when no row asked for log-probabilities.</param>
public sealed record SampledStep(long[] Tokens, double[]? Logprobs, (int id, double logprob)[][]? Top);
