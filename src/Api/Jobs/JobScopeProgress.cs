namespace InstructGpt.Api.Jobs;

/// <param name="Fraction">0 to 1.</param>
/// <param name="Percent">Fraction × 100.</param>
/// <param name="EtaSeconds">Estimated seconds until the whole job ends, while running.</param>
public sealed record JobScopeProgress(double Fraction, double Percent, double? EtaSeconds);
