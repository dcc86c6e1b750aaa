namespace InstructGpt.Api.Jobs;

/// <param name="Name">The stage: pretrain, sft, comparisons, rm, ppo, ppo-ptx (data and tokenizer for a pipeline's first stages).</param>
/// <param name="Step">Steps done in this stage.</param>
/// <param name="TotalSteps">Steps in this stage.</param>
/// <param name="Fraction">Step / TotalSteps.</param>
/// <param name="Percent">Fraction × 100.</param>
/// <param name="EtaSeconds">Estimated seconds until this stage ends, from its own rate, while running.</param>
public sealed record StageScopeProgress(string Name, long Step, long TotalSteps, double Fraction, double Percent, double? EtaSeconds);
