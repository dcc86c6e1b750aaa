namespace InstructGpt.Tasks.Labeling;

/// <summary>The rubric's verdict on one output, before any labeler noise.</summary>
internal sealed record RubricJudgment
{
    public required double Score { get; init; }
    public required MetadataFlag FailsToFollowInstruction { get; init; }
    public required MetadataFlag Hallucination { get; init; }
    public required MetadataFlag SatisfiesConstraints { get; init; }
    public required HarmCheck Harms { get; init; }
    public required IReadOnlyList<string> Notes { get; init; }
}
