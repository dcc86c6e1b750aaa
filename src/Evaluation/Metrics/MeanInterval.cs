
namespace InstructGpt.Evaluation.Metrics;

/// <summary>
/// Means with 95% intervals: the Likert mean (1–7, InstructGPT Figure 5) and the mean reward-model score.
/// Student-t is the textbook interval and needs no seed; the percentile bootstrap
/// (<see cref="PercentileBootstrap.Mean"/>) makes no normality assumption, which suits a bounded, lumpy
/// 7-point scale at small n.
/// </summary>
public static class MeanInterval
{
    /// <summary>
    /// mean ± t(0.975, n−1)·s/√n, s the sample standard deviation (n−1 denominator). No interval for n = 1.
    /// With <paramref name="range"/> (the scale's limits, 1–7 for Likert), the interval is clipped to it: at small n
    /// the t interval can reach past the scale, where the mean of scores on that scale cannot be.
    /// </summary>
    public static MetricEstimate StudentT(IReadOnlyList<double> values, (double Min, double Max)? range = null)
    {
        var n = values.Count;
        if (n == 0)
            throw new ArgumentException("A mean needs at least one value.", nameof(values));
        double mean = 0;
        foreach (var v in values) mean += v;
        mean /= n;
        if (n == 1)
            return new MetricEstimate(mean, null, null, 1, IntervalMethods.StudentT);
        double squares = 0;
        foreach (var v in values) squares += (v - mean) * (v - mean);
        var standardError = Math.Sqrt(squares / (n - 1)) / Math.Sqrt(n);
        var t = StudentTDistribution.Quantile(1 - (1 - MetricEstimate.ConfidenceLevel) / 2, n - 1);
        double low = mean - t * standardError, high = mean + t * standardError;
        if (range is { } limits)
        {
            low = Math.Clamp(low, limits.Min, limits.Max);
            high = Math.Clamp(high, limits.Min, limits.Max);
        }
        return new MetricEstimate(mean, low, high, n, IntervalMethods.StudentT);
    }
}
