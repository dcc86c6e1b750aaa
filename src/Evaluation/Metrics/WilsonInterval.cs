namespace InstructGpt.Evaluation.Metrics;

/// <summary>
/// The Wilson score interval for a proportion (Wilson 1927). Unlike the normal ("Wald") interval it stays inside
/// [0, 1] and keeps close to its nominal coverage at small n and at rates near 0 or 1, which is where the
/// metadata rates of InstructGPT Figure 4 (hallucination, inappropriate for a customer assistant) live.
/// </summary>
public static class WilsonInterval
{
    /// <summary>The standard normal 0.975 quantile, for a two-sided 95% interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>
    /// centre = (p + z²/2n) / (1 + z²/n), half-width = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n), with p = successes/n.
    /// <paramref name="successes"/> may be fractional (a win rate that counts ties as half a win).
    /// </summary>
    public static (double Low, double High) Compute(double successes, int n, double z = Z95)
    {
        if (n <= 0)
            throw new ArgumentOutOfRangeException(nameof(n), n, "A proportion needs at least one observation.");
        if (successes < 0 || successes > n || double.IsNaN(successes))
            throw new ArgumentOutOfRangeException(nameof(successes), successes, $"Successes must lie in [0, {n}].");
        var p = successes / n;
        var z2 = z * z;
        var denominator = 1 + z2 / n;
        var centre = (p + z2 / (2.0 * n)) / denominator;
        var halfWidth = z * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return (Math.Max(0, centre - halfWidth), Math.Min(1, centre + halfWidth));
    }

    /// <summary>The proportion successes/n with its Wilson interval.</summary>
    public static MetricEstimate Proportion(int successes, int n)
    {
        var (low, high) = Compute(successes, n);
        return new MetricEstimate((double)successes / n, low, high, n, IntervalMethods.Wilson);
    }

    /// <summary>The fraction of true values with its Wilson interval.</summary>
    public static MetricEstimate Proportion(IEnumerable<bool> outcomes)
    {
        int n = 0, successes = 0;
        foreach (var outcome in outcomes)
        {
            n++;
            if (outcome) successes++;
        }
        return Proportion(successes, n);
    }
}
