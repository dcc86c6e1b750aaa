using InstructGpt.Evaluation.Metrics;

namespace InstructGpt.Evaluation.Storage;

/// <summary>
/// A judge's comparison of a model's output with the baseline's output for the same prompt (the unit of
/// InstructGPT Figure 1's win rate).
/// </summary>
public sealed record PairwiseJudgment
{
    public required string RunId { get; init; }
    public required string PromptId { get; init; }
    public required string Category { get; init; }
    public int SampleIndex { get; init; }
    public required string Model { get; init; }
    public required string Baseline { get; init; }
    public required string Judge { get; init; }
    public required PairwiseResult Result { get; init; }
    public string? Reason { get; init; }

    /// <summary>Set by the store when the row is written, unless given.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
