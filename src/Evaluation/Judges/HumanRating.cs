namespace InstructGpt.Evaluation.Judges;

/// <summary>One person's Likert score and metadata flags for one output: what the "human" judge reads of a stored label.</summary>
public sealed record HumanRating
{
    public required string Labeler { get; init; }
    public int? Likert { get; init; }
    public IReadOnlyDictionary<string, bool> Flags { get; init; } = new Dictionary<string, bool>();
}
