namespace InstructGpt.Api.Chat;

/// <param name="Bytes">The token's UTF-8 bytes (a token may hold part of a character).</param>
public sealed record ChatTokenLogprob(string Token, double Logprob, IReadOnlyList<int> Bytes, IReadOnlyList<ChatTopLogprob> TopLogprobs);
