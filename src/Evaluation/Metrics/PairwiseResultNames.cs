namespace InstructGpt.Evaluation.Metrics;

public static class PairwiseResultNames
{
    /// <summary>The lower-case names stored in the database and returned by the API.</summary>
    public static string ToName(this PairwiseResult result) => result switch
    {
        PairwiseResult.Win => "win",
        PairwiseResult.Tie => "tie",
        PairwiseResult.Loss => "loss",
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, null),
    };

    public static PairwiseResult Parse(string name) => name switch
    {
        "win" => PairwiseResult.Win,
        "tie" => PairwiseResult.Tie,
        "loss" => PairwiseResult.Loss,
        _ => throw new FormatException($"'{name}' is not a pairwise result; use win, tie or loss."),
    };
}
