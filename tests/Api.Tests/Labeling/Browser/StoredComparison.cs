namespace InstructGpt.Api.Tests.Labeling.Browser;

/// <summary>The feedback_comparisons row of a labeling task.</summary>
public sealed record StoredComparison(long Id, string[] Outputs, int[] Ranking, int[]? Ranks, string Labeler, string? BatchId, long? TaskId, string? Comment)
{
    /// <summary>The rank slots, best first, each with its outputs (ties share a slot), as texts.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Slots()
    {
        var ranks = Ranks ?? Enumerable.Range(1, Ranking.Length).ToArray();
        return Ranking.Select((index, i) => (Output: Outputs[index], Rank: ranks[i])).GroupBy(p => p.Rank).OrderBy(g => g.Key)
            .Select(g => (IReadOnlyList<string>)g.Select(p => p.Output).Order(StringComparer.Ordinal).ToList()).ToList();
    }
}
