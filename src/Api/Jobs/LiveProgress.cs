namespace InstructGpt.Api.Jobs;

/// <summary>The latest progress of a job this process runs or ran, fresher than the throttled database row.</summary>
/// <param name="Fraction">Of the whole job.</param>
/// <param name="EtaSeconds">Seconds left in the current stage.</param>
/// <param name="JobEtaSeconds">Seconds left in the whole job.</param>
public sealed record LiveProgress(JobKind Kind, string Stage, long Step, long TotalSteps, double Fraction, double? EtaSeconds, double? JobEtaSeconds,
    IReadOnlyDictionary<string, double> Metrics, JobStatus Status);
