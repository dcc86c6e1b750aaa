namespace InstructGpt.Api.Completions;

/// <param name="FinishReason">"stop" (end of text or a stop sequence), "length" (max_tokens or the context), or null in a chunk that is not the last.</param>
public sealed record CompletionChoice(string Text, int Index, CompletionLogprobs? Logprobs, string? FinishReason);
