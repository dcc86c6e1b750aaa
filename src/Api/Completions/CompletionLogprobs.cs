namespace InstructGpt.Api.Completions;

/// <summary>OpenAI's legacy logprobs: one entry per token in each list.</summary>
/// <param name="TokenLogprobs">Null for the first token of an echoed prompt, which nothing predicts.</param>
/// <param name="TopLogprobs">The most likely tokens at each position and their logprobs.</param>
/// <param name="TextOffset">Where each token's text starts in the choice's text.</param>
public sealed record CompletionLogprobs(
    IReadOnlyList<string> Tokens,
    IReadOnlyList<double?> TokenLogprobs,
    IReadOnlyList<Dictionary<string, double>?> TopLogprobs,
    IReadOnlyList<int> TextOffset);
