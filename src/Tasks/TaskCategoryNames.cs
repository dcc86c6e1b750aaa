namespace InstructGpt.Tasks;

/// <summary>The names categories have in dataset files (the <c>category</c> field).</summary>
public static class TaskCategoryNames
{
    private static readonly (TaskCategory Category, string Name)[] Names =
    [
        (TaskCategory.Generation, "generation"),
        (TaskCategory.OpenQa, "open_qa"),
        (TaskCategory.Brainstorming, "brainstorming"),
        (TaskCategory.Chat, "chat"),
        (TaskCategory.Rewrite, "rewrite"),
        (TaskCategory.Summarization, "summarization"),
        (TaskCategory.Classification, "classification"),
        (TaskCategory.Other, "other"),
        (TaskCategory.ClosedQa, "closed_qa"),
        (TaskCategory.Extract, "extract"),
    ];

    public static IReadOnlyList<string> All { get; } = Names.Select(n => n.Name).ToArray();

    public static string ToName(this TaskCategory category) => Names.First(n => n.Category == category).Name;

    public static bool TryParse(string? name, out TaskCategory category)
    {
        foreach (var (c, n) in Names)
        {
            if (string.Equals(n, name, StringComparison.Ordinal))
            {
                category = c;
                return true;
            }
        }
        category = TaskCategory.Other;
        return false;
    }

    /// <summary>
    /// Closed-domain tasks answer from a source text the prompt carries; for them, content the source does not
    /// support is a hallucination (InstructGPT §4.1, Figure 4 "Hallucinations (closed domain)").
    /// </summary>
    public static bool IsClosedDomain(this TaskCategory category) =>
        category is TaskCategory.Summarization or TaskCategory.ClosedQa or TaskCategory.Extract;
}
