namespace InstructGpt.Api.Evaluations;

/// <param name="Done">Work units done, reused ones included after a resume.</param>
/// <param name="Total">Work units in the run.</param>
/// <param name="Fraction">Done / total, 0 to 1.</param>
/// <param name="Percent">Fraction × 100.</param>
public sealed record EvaluationProgressInfo(long Done, long Total, double Fraction, double Percent);
