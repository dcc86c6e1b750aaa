namespace InstructGpt.Evaluation.Metrics;

/// <summary>
/// A point estimate with its 95% confidence interval, the number of observations behind it, and the method that
/// produced the interval (one of <see cref="IntervalMethods"/>). <see cref="CiLow"/> and <see cref="CiHigh"/> are
/// null where the method has no interval for this n (a Student-t interval from one observation).
/// </summary>
public sealed record MetricEstimate(double Value, double? CiLow, double? CiHigh, int N, string Method)
{
    /// <summary>Every interval in this project is a 95% interval, as reported in the paper's figures.</summary>
    public const double ConfidenceLevel = 0.95;
}
