namespace InstructGpt.Api.Chat;

public sealed record ChatTopLogprob(string Token, double Logprob, IReadOnlyList<int> Bytes);
