namespace InstructGpt.Tasks;

/// <summary>
/// An explicit constraint stated in a prompt, recorded next to it (the <c>constraints</c> field) so a labeler
/// can fill in "Satisfies constraint provided in the instruction" (InstructGPT Table 3) without parsing prose.
/// </summary>
public sealed record TaskConstraint
{
    public required ConstraintKind Kind { get; init; }
    public int Count { get; init; }
    public string? Word { get; init; }
    public IReadOnlyList<string> Options { get; init; } = [];

    public static TaskConstraint Sentences(int count) => new() { Kind = ConstraintKind.Sentences, Count = count };
    public static TaskConstraint ListItems(int count) => new() { Kind = ConstraintKind.ListItems, Count = count };
    public static TaskConstraint MaxWords(int count) => new() { Kind = ConstraintKind.MaxWords, Count = count };
    public static TaskConstraint IncludeWord(string word) => new() { Kind = ConstraintKind.IncludeWord, Word = word };
    public static TaskConstraint ExcludeWord(string word) => new() { Kind = ConstraintKind.ExcludeWord, Word = word };
    public static TaskConstraint OneOf(IReadOnlyList<string> options) => new() { Kind = ConstraintKind.OneOf, Options = options };

    public bool Equals(TaskConstraint? other) =>
        other is not null && Kind == other.Kind && Count == other.Count && Word == other.Word &&
        Options.SequenceEqual(other.Options);

    public override int GetHashCode() => HashCode.Combine(Kind, Count, Word, Options.Count);

    public override string ToString() => Kind switch
    {
        ConstraintKind.Sentences => $"{Count} sentence(s)",
        ConstraintKind.ListItems => $"{Count} list item(s)",
        ConstraintKind.MaxWords => $"at most {Count} words",
        ConstraintKind.IncludeWord => $"uses the word '{Word}'",
        ConstraintKind.ExcludeWord => $"does not use the word '{Word}'",
        ConstraintKind.OneOf => $"one of: {string.Join(", ", Options)}",
        _ => Kind.ToString(),
    };
}
