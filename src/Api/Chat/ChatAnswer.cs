namespace InstructGpt.Api.Chat;

public sealed record ChatAnswer(string Role, string Content);
