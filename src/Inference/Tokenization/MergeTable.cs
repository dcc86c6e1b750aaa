namespace InstructGpt.Inference.Tokenization;

/// <summary>
/// The ranked merges of merges.txt as a lookup from a pair of adjacent token ids to the merge's rank (its line
/// order: lower merges first) and the id of the token it makes.
/// </summary>
internal sealed class MergeTable
{
    private readonly Dictionary<long, int> rankOfPair;
    private readonly int[] mergedIdOfRank;

    /// <param name="merges">Pairs of token ids, in rank order.</param>
    /// <param name="mergedIds">For each merge, the id of the concatenated token.</param>
    public MergeTable(IReadOnlyList<(int Left, int Right)> merges, IReadOnlyList<int> mergedIds)
    {
        if (merges.Count != mergedIds.Count)
        {
            throw new ArgumentException($"{merges.Count} merges but {mergedIds.Count} merged ids.", nameof(mergedIds));
        }
        rankOfPair = new Dictionary<long, int>(merges.Count, TokenPair.Comparer);
        for (var rank = 0; rank < merges.Count; rank++)
        {
            if (!rankOfPair.TryAdd(TokenPair.Key(merges[rank].Left, merges[rank].Right), rank))
            {
                throw new ArgumentException($"The merge {merges[rank]} appears twice.", nameof(merges));
            }
        }
        mergedIdOfRank = mergedIds.ToArray();
    }

    public int Count => mergedIdOfRank.Length;

    public bool TryGetRank(int left, int right, out int rank) => rankOfPair.TryGetValue(TokenPair.Key(left, right), out rank);

    public int MergedId(int rank) => mergedIdOfRank[rank];
}
