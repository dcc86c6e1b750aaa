using System.Text.Json.Serialization;

namespace InstructGpt.Api.Completions;

/// <summary>A completion (object "text_completion"), or one chunk of a streamed one.</summary>
public sealed record CompletionResponse(
    string Id,
    string Object,
    long Created,
    string Model,
    IReadOnlyList<CompletionChoice> Choices,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Usage? Usage);

/// <param name="FinishReason">"stop" (end of text or a stop sequence), "length" (max_tokens or the context), or null in a chunk that is not the last.</param>
public sealed record CompletionChoice(string Text, int Index, CompletionLogprobs? Logprobs, string? FinishReason);

/// <summary>OpenAI's legacy logprobs: one entry per token in each list.</summary>
/// <param name="TokenLogprobs">Null for the first token of an echoed prompt, which nothing predicts.</param>
/// <param name="TopLogprobs">The most likely tokens at each position and their logprobs.</param>
/// <param name="TextOffset">Where each token's text starts in the choice's text.</param>
public sealed record CompletionLogprobs(
    IReadOnlyList<string> Tokens,
    IReadOnlyList<double?> TokenLogprobs,
    IReadOnlyList<Dictionary<string, double>?> TopLogprobs,
    IReadOnlyList<int> TextOffset);

public sealed record Usage(int PromptTokens, int CompletionTokens, int TotalTokens);
