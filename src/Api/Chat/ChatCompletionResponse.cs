using InstructGpt.Api.Completions;

namespace InstructGpt.Api.Chat;

/// <summary>An answer (object "chat.completion").</summary>
public sealed record ChatCompletionResponse(string Id, string Object, long Created, string Model, IReadOnlyList<ChatChoice> Choices, Usage Usage);
