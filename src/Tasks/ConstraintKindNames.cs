namespace InstructGpt.Tasks;

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
