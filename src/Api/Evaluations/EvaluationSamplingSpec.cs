namespace InstructGpt.Api.Evaluations;

public sealed record EvaluationSamplingSpec(double Temperature, double TopP, int MaxTokens, ulong Seed);
