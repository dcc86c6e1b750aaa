namespace InstructGpt.Api.Chat;

public sealed record ChatLogprobs(IReadOnlyList<ChatTokenLogprob> Content);
