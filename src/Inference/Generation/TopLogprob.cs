namespace InstructGpt.Inference.Generation;

public sealed record TopLogprob(int TokenId, string Token, double Logprob);
