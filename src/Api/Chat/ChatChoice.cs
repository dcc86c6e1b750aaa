namespace InstructGpt.Api.Chat;

/// <param name="FinishReason">"stop" (end of text, a stop sequence, or the next "Human:" turn) or "length".</param>
public sealed record ChatChoice(int Index, ChatAnswer Message, ChatLogprobs? Logprobs, string FinishReason);
