namespace InstructGpt.Api.Errors;

/// <summary>The body of every error under /v1, in OpenAI's shape: <c>{"error": {"message", "type", "param", "code"}}</c>.</summary>
public sealed record OpenAiErrorResponse(OpenAiError Error);
