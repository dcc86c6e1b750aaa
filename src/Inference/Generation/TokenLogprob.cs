namespace InstructGpt.Inference.Generation;

/// <summary>One token of a completion (or an echoed prompt) with its log-probability and the top alternatives.</summary>
/// <param name="Logprob">Null for the first prompt token, which has no context to be predicted from.</param>
/// <param name="TextOffset">Where the token's text starts, in characters from the start of the prompt (OpenAI's
/// text_offset): a completion's first token is at the prompt's length whether or not the prompt is echoed.</param>
public sealed record TokenLogprob(int TokenId, string Token, double? Logprob, IReadOnlyList<TopLogprob> Top, int TextOffset);
