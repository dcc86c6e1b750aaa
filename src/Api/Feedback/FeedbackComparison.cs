namespace InstructGpt.Api.Feedback;

/// <summary>A stored comparison.</summary>
/// <param name="Object">Always "feedback.comparison".</param>
/// <param name="Outputs">In the order they were sent.</param>
/// <param name="Ranking">Indices into outputs, best first.</param>
/// <param name="Ranks">Each ranked entry's rank when some are tied; null otherwise.</param>
/// <param name="CreatedAt">Unix seconds.</param>
public sealed record FeedbackComparison(
    long Id, string Object, string Prompt, IReadOnlyList<string> Outputs, IReadOnlyList<int> Ranking, IReadOnlyList<int>? Ranks,
    string Labeler, long CreatedAt)
{
    public const string ObjectName = "feedback.comparison";
}
