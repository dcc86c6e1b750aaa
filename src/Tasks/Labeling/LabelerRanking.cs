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
}
