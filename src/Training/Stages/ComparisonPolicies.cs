namespace InstructGpt.Training.Stages;

/// <summary>
/// Who writes each of a prompt's K candidates: the sampling model, other checkpoints by share, and at most one
/// labeler demonstration. The names are what comparison records carry in <c>"policies"</c>.
/// </summary>
public static class ComparisonPolicies
{
    /// <summary>The policy name of a prompt's labeler-written demonstration.</summary>
    public const string Demonstration = "demonstration";

    /// <summary>How many of K candidates each policy writes: others by share (rounded), one demonstration, the sampling model the rest.</summary>
    public static IReadOnlyList<(string Policy, int Count)> Allocate(int k, string samplingModel, IReadOnlyDictionary<string, double> others, bool demonstration)
    {
        var counts = new List<(string, int)>();
        var rest = k - (demonstration ? 1 : 0);
        foreach (var (name, share) in others.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            var n = (int)Math.Round(share * k, MidpointRounding.AwayFromZero);
            if (n == 0) continue;
            counts.Add((name, n));
            rest -= n;
        }
        if (rest < 1)
            throw new ArgumentException($"comparisons.OtherPolicies: at K = {k} the other policies and the demonstration leave no output to the sampling model {samplingModel}; lower their shares (they must sum below 1)");
        counts.Insert(0, (samplingModel, rest));
        if (demonstration) counts.Add((Demonstration, 1));
        return counts;
    }

    /// <summary>Checks shares and names before anything runs.</summary>
    public static void Validate(ComparisonSettings settings, string samplingModel)
    {
        foreach (var (name, share) in settings.OtherPolicies)
        {
            if (!(share > 0 && share < 1))
                throw new ArgumentException($"comparisons.OtherPolicies.{name}: the share must be in (0, 1); got {share}");
            if (name == Demonstration)
                throw new ArgumentException($"comparisons.OtherPolicies.{name}: '{Demonstration}' is not a checkpoint; use comparisons.IncludeDemonstration");
        }
        for (var k = settings.MinK; k <= settings.MaxK; k++) Allocate(k, samplingModel, settings.OtherPolicies, settings.IncludeDemonstration);
    }
}
