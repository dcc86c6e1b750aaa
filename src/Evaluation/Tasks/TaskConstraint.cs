namespace InstructGpt.Evaluation.Tasks;

/// <summary>The kinds of explicit constraint a prompt can state and a labeler can check.</summary>
public enum ConstraintKind
{
    /// <summary>"Answer in one sentence": exactly <see cref="TaskConstraint.Count"/> sentences.</summary>
    Sentences,
    /// <summary>"List three ...": exactly <see cref="TaskConstraint.Count"/> list items.</summary>
    ListItems,
    /// <summary>"In at most 20 words": no more than <see cref="TaskConstraint.Count"/> words.</summary>
    MaxWords,
    /// <summary>"Use the word 'x'": the output contains <see cref="TaskConstraint.Word"/>.</summary>
    IncludeWord,
    /// <summary>"Do not use the word 'x'": the output does not contain <see cref="TaskConstraint.Word"/>.</summary>
    ExcludeWord,
    /// <summary>"Answer with one of: a, b, c": exactly one of <see cref="TaskConstraint.Options"/> appears.</summary>
    OneOf,
}

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

/// <summary>The names constraint kinds have in dataset files.</summary>
public static class ConstraintKindNames
{
    private static readonly (ConstraintKind Kind, string Name)[] Names =
    [
        (ConstraintKind.Sentences, "sentences"),
        (ConstraintKind.ListItems, "list_items"),
        (ConstraintKind.MaxWords, "max_words"),
        (ConstraintKind.IncludeWord, "include_word"),
        (ConstraintKind.ExcludeWord, "exclude_word"),
        (ConstraintKind.OneOf, "one_of"),
    ];

    public static IReadOnlyList<string> All { get; } = Names.Select(n => n.Name).ToArray();

    public static string ToName(this ConstraintKind kind) => Names.First(n => n.Kind == kind).Name;

    public static bool TryParse(string? name, out ConstraintKind kind)
    {
        foreach (var (k, n) in Names)
        {
            if (string.Equals(n, name, StringComparison.Ordinal))
            {
                kind = k;
                return true;
            }
        }
        kind = default;
        return false;
    }
}
