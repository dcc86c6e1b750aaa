namespace InstructGpt.Tasks.Labeling;

/// <summary>
/// A labeler's ranking of K outputs for one prompt: the form for each output (in input order), the output
/// indices best first, and each ranked output's rank (1 = best; equal ranks are ties), non-decreasing, as the
/// comparisons format stores them.
/// </summary>
public sealed record LabelerRanking(IReadOnlyList<LabelingForm> Forms, IReadOnlyList<int> Order, IReadOnlyList<int> Ranks)
{
    /// <summary>The rank of the output at input position <paramref name="index"/>.</summary>
    public int RankOf(int index)
    {
        for (var i = 0; i < Order.Count; i++)
        {
            if (Order[i] == index) return Ranks[i];
        }
        throw new ArgumentOutOfRangeException(nameof(index), index, "no such output");
    }

    /// <summary>The rank of every output, in input order.</summary>
    public IReadOnlyList<int> RanksByOutput() => Enumerable.Range(0, Order.Count).Select(RankOf).ToArray();

    /// <summary>
    /// The ranks by output of a ranking stored as the comparisons format writes it: <paramref name="order"/> the output indices
    /// best first, <paramref name="ranks"/> each entry's rank (null when nothing is tied: 1, 2, …).
    /// </summary>
    public static IReadOnlyList<int> RanksByOutput(IReadOnlyList<int> order, IReadOnlyList<int>? ranks)
    {
        var byOutput = new int[order.Count];
        for (var i = 0; i < order.Count; i++) byOutput[order[i]] = ranks?[i] ?? i + 1;
        return byOutput;
    }
}
