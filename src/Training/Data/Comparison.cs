
using InstructGpt.Tasks.Labeling;

namespace InstructGpt.Training.Data;

/// <summary>
/// K completions of one prompt ranked by a labeler, best first (RM data, InstructGPT §3.5). <see cref="Ranks"/>,
/// when present, gives each completion's rank (1 = best); equal ranks are ties, which yield no training pair.
/// </summary>
public sealed record Comparison(string Prompt, IReadOnlyList<string> Completions)
{
    /// <summary>InstructGPT §3.5: labelers rank between K = 4 and K = 9 outputs; the format also takes K = 2 (pairs).</summary>
    public const int MinCompletions = 2;
    public const int MaxCompletions = 9;

    public IReadOnlyList<int>? Ranks { get; init; }
    /// <summary>Optional: which model (or "demonstration") wrote each completion, in the same order, as OpenAI's summarize-from-feedback data records each summary's policy.</summary>
    public IReadOnlyList<string>? Policies { get; init; }
    public RecordMetadata Metadata { get; init; } = RecordMetadata.None;

    /// <summary>Each completion's rank: <see cref="Ranks"/>, or 1..K in list order when there are no ties.</summary>
    public IReadOnlyList<int> EffectiveRanks => Ranks ?? Enumerable.Range(1, Completions.Count).ToArray();

    /// <summary>
    /// A labeler's ranking of <paramref name="outputs"/> as a comparison record: completions best first, with ranks
    /// only when the labeler tied some. Null when every output is tied, since such a record states no preference.
    /// </summary>
    public static Comparison? FromRanking(string prompt, IReadOnlyList<string> outputs, LabelerRanking ranking,
        RecordMetadata? metadata = null, IReadOnlyList<string>? policies = null)
    {
        if (outputs.Count is < MinCompletions or > MaxCompletions)
        {
            throw new ArgumentException($"K must be between {MinCompletions} and {MaxCompletions}, got {outputs.Count}", nameof(outputs));
        }
        if (ranking.Ranks[^1] == ranking.Ranks[0]) return null;
        var hasTies = ranking.Ranks.Distinct().Count() < ranking.Ranks.Count;
        return new Comparison(prompt, ranking.Order.Select(i => outputs[i]).ToArray())
        {
            Ranks = hasTies ? ranking.Ranks.ToArray() : null,
            Policies = policies is null ? null : ranking.Order.Select(i => policies[i]).ToArray(),
            Metadata = metadata ?? RecordMetadata.None,
        };
    }

    public bool Equals(Comparison? other) =>
        other is not null && Prompt == other.Prompt && Completions.SequenceEqual(other.Completions) &&
        (Ranks is null) == (other.Ranks is null) && (Ranks ?? []).SequenceEqual(other.Ranks ?? []) &&
        (Policies is null) == (other.Policies is null) && (Policies ?? []).SequenceEqual(other.Policies ?? []) &&
        Metadata == other.Metadata;

    public override int GetHashCode() => HashCode.Combine(Prompt, Completions.Count, Metadata);
}
