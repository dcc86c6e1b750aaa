namespace InstructGpt.Api.Labeling;

/// <summary>
/// A complete submission for one task: a rating per output in the task's label order, and the ranking as output indices best
/// first with each entry's rank (1 = best; equal ranks are tied, as the comparisons format writes ties).
/// </summary>
public sealed record ValidSubmission(IReadOnlyList<ValidOutputRating> Ratings, IReadOnlyList<int> Ranking, IReadOnlyList<int> Ranks, string? Comment, double? Seconds)
{
    public bool HasTies => Ranks.Distinct().Count() < Ranks.Count;
}
