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
