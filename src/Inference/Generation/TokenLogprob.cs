namespace InstructGpt.Inference.Generation;

/// <summary>One token of a completion (or an echoed prompt) with its log-probability and the top alternatives.</summary>
/// <param name="Logprob">Null for the first prompt token, which has no context to be predicted from.</param>
/// <param name="TextOffset">Character offset of the token's text in the returned text.</param>
public sealed record TokenLogprob(int TokenId, string Token, double? Logprob, IReadOnlyList<TopLogprob> Top, int TextOffset);

public sealed record TopLogprob(int TokenId, string Token, double Logprob);
