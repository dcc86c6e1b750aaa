using InstructGpt.Tasks.Labeling;
using InstructGpt.Training.Data;

namespace InstructGpt.Api.Feedback;

/// <summary>A comparison whose fields are all in range.</summary>
public sealed record ValidComparison(string Prompt, IReadOnlyList<string> Outputs, IReadOnlyList<int> Ranking, IReadOnlyList<int>? Ranks, string Labeler)
{
    /// <summary>
    /// The record the reward-model stage reads: completions best first, ranks only when some are tied
    /// (<see cref="Comparison.FromRanking"/>, as the comparison sampler writes them).
    /// </summary>
    public Comparison ToComparison(string id) =>
        Comparison.FromRanking(Prompt, Outputs, new LabelerRanking([], Ranking, Ranks ?? Enumerable.Range(1, Outputs.Count).ToArray()), new RecordMetadata { Id = id })
        ?? throw new InvalidOperationException("A validated comparison always states a preference.");
}
