namespace InstructGpt.Evaluation.Metrics;

/// <summary>
/// How often a model's output is preferred to the baseline's (the 175B SFT model in InstructGPT Figure 1), with a
/// tie counting as half a win: rate = (wins + ties/2) / comparisons.
/// </summary>
/// <remarks>
/// The interval is the Wilson score interval with n = comparisons and successes = wins + ties/2. With ties each
/// comparison scores 0, ½ or 1, so it is not a Bernoulli trial; but its variance, p − p² − t/4 (t the tie rate), is
/// never above the Bernoulli variance p(1 − p) that Wilson assumes, so the interval is at worst slightly
/// conservative, and it keeps Wilson's good behaviour near 0 and 1 and at small n. A bootstrap over prompts
/// would be exact for ties but costs thousands of resamples per cell and varies with its seed.
/// </remarks>
public static class WinRate
{
    public static MetricEstimate FromCounts(int wins, int ties, int losses)
    {
        if (wins < 0 || ties < 0 || losses < 0)
            throw new ArgumentOutOfRangeException(nameof(wins), "Counts of wins, ties and losses cannot be negative.");
        var n = wins + ties + losses;
        if (n == 0)
            throw new ArgumentException("A win rate needs at least one comparison.", nameof(wins));
        var score = wins + ties / 2.0;
        var (low, high) = WilsonInterval.Compute(score, n);
        return new MetricEstimate(score / n, low, high, n, IntervalMethods.WilsonTiesHalf);
    }

    public static MetricEstimate Compute(IEnumerable<PairwiseResult> results)
    {
        int wins = 0, ties = 0, losses = 0;
        foreach (var result in results)
        {
            switch (result)
            {
                case PairwiseResult.Win: wins++; break;
                case PairwiseResult.Tie: ties++; break;
                case PairwiseResult.Loss: losses++; break;
                default: throw new ArgumentOutOfRangeException(nameof(results), result, null);
            }
        }
        return FromCounts(wins, ties, losses);
    }
}
