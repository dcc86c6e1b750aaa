namespace InstructGpt.Api.Completions;

public sealed record Usage(int PromptTokens, int CompletionTokens, int TotalTokens);
