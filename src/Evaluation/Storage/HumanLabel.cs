namespace InstructGpt.Evaluation.Storage;

/// <summary>
/// A person's label for an output, collected through the API. The "human" judge looks these up by prompt and
/// output text and uses them where they exist.
/// </summary>
public sealed record HumanLabel
{
    /// <summary>Assigned by the store.</summary>
    public long Id { get; init; }

    public string? PromptId { get; init; }
    public required string Prompt { get; init; }
    public required string Output { get; init; }
    public int? Likert { get; init; }
    public IReadOnlyDictionary<string, bool> Flags { get; init; } = new Dictionary<string, bool>();
    public required string Labeler { get; init; }

    /// <summary>Set by the store when the row is written, unless given.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
