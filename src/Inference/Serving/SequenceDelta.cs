using InstructGpt.Inference.Generation;

namespace InstructGpt.Inference.Serving;

/// <summary>
/// New output of one completion while it streams: the text released since the previous delta, the
/// log-probabilities of the tokens that text starts with (when requested), and the finish reason on the
/// last delta. Concatenating a completion's deltas gives exactly the text of its final result.
/// </summary>
/// <param name="Index">The completion's position among the request's choices.</param>
public sealed record SequenceDelta(int Index, string Text, IReadOnlyList<TokenLogprob>? Logprobs, FinishReason? FinishReason);
