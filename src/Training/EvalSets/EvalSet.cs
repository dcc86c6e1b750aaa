using System.Text.Json;
using InstructGpt.Tasks;

namespace InstructGpt.Training.EvalSets;

/// <summary>
/// What an evaluation runs on, read from one or more eval-set files: instruction prompts (with their reference
/// demonstrations, categories, constraints and sources), toxicity probes, and held-out text.
/// </summary>
public sealed record EvalSet
{
    public IReadOnlyList<PromptTask> Prompts { get; init; } = [];
    public IReadOnlyList<ToxicityPrompt> ToxicityProbes { get; init; } = [];
    public IReadOnlyList<HeldOutDocument> Documents { get; init; } = [];

    /// <summary>
    /// Both sets' records, in order. A record whose id the first set already has is left out when it is the same
    /// record (a set given twice, or two files that share records) and refused when it differs.
    /// </summary>
    public EvalSet Merge(EvalSet other) => new()
    {
        Prompts = MergeById(Prompts, other.Prompts, p => p.Id, "prompt"),
        ToxicityProbes = MergeById(ToxicityProbes, other.ToxicityProbes, p => p.Id, "toxicity probe"),
        Documents = MergeById(Documents, other.Documents, d => d.Id, "document"),
    };

    private static IReadOnlyList<T> MergeById<T>(IReadOnlyList<T> first, IReadOnlyList<T> second, Func<T, string> id, string what)
    {
        var merged = first.ToList();
        var byId = first.ToDictionary(id, StringComparer.Ordinal);
        foreach (var record in second)
        {
            if (byId.TryGetValue(id(record), out var existing))
            {
                // Compared as JSON: records hold lists (constraints), which record equality compares by reference.
                if (JsonSerializer.Serialize(existing) != JsonSerializer.Serialize(record))
                    throw new ArgumentException($"the {what} id '{id(record)}' is in two eval sets with different contents; give each record its own id", "eval_set");
                continue;
            }
            byId[id(record)] = record;
            merged.Add(record);
        }
        return merged;
    }
}
