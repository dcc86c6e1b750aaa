using InstructGpt.Tasks.StableRandom;

namespace InstructGpt.Evaluation.Metrics;

/// <summary>
/// The percentile bootstrap (Efron and Tibshirani 1993, §13.3): resample the n units with replacement B times,
/// recompute the statistic on each resample, and take the 2.5% and 97.5% quantiles of those B values (linear
/// interpolation between order statistics, Hyndman and Fan's type 7). The resampler is a seeded
/// <see cref="SplitMix64"/>, so the same data, seed and B give the same interval on every machine.
/// </summary>
public static class PercentileBootstrap
{
    /// <summary>2,000 resamples put the Monte Carlo error of a 95% endpoint well below its sampling error (Efron and Tibshirani §19.3).</summary>
    public const int DefaultResamples = 2000;

    /// <summary>The seed used where a caller gives none, so stored intervals are reproducible.</summary>
    public const ulong DefaultSeed = 20220304; // the InstructGPT paper's arXiv date, 2022-03-04

    /// <summary>
    /// The interval for <paramref name="statistic"/> over resamples of <paramref name="units"/>. A unit is whatever
    /// must be kept whole: a sample, a prompt with its k continuations, a document scored by two models.
    /// </summary>
    public static (double Low, double High) Interval<T>(
        IReadOnlyList<T> units,
        Func<IReadOnlyList<T>, double> statistic,
        ulong seed = DefaultSeed,
        int resamples = DefaultResamples)
    {
        if (units.Count == 0)
            throw new ArgumentException("A bootstrap needs at least one unit to resample.", nameof(units));
        if (resamples < 2)
            throw new ArgumentOutOfRangeException(nameof(resamples), resamples, "A bootstrap needs at least two resamples.");
        var random = new SplitMix64(seed);
        var resample = new T[units.Count];
        var statistics = new double[resamples];
        for (var b = 0; b < resamples; b++)
        {
            for (var i = 0; i < resample.Length; i++)
                resample[i] = units[random.NextInt(units.Count)];
            statistics[b] = statistic(resample);
        }
        Array.Sort(statistics);
        var alpha = 1 - MetricEstimate.ConfidenceLevel;
        return (Quantile(statistics, alpha / 2), Quantile(statistics, 1 - alpha / 2));
    }

    /// <summary>The mean of <paramref name="values"/> with its percentile bootstrap interval.</summary>
    public static MetricEstimate Mean(IReadOnlyList<double> values, ulong seed = DefaultSeed, int resamples = DefaultResamples)
    {
        var (low, high) = Interval(values, Average, seed, resamples);
        return new MetricEstimate(Average(values), low, high, values.Count, IntervalMethods.PercentileBootstrap);
    }

    /// <summary>Hyndman and Fan type 7 on sorted values: h = (n−1)p, interpolate between floor(h) and ceil(h).</summary>
    internal static double Quantile(double[] sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var below = (int)Math.Floor(h);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
    }

    private static double Average(IReadOnlyList<double> values)
    {
        double sum = 0;
        for (var i = 0; i < values.Count; i++) sum += values[i];
        return sum / values.Count;
    }
}
