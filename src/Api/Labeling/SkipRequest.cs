using InstructGpt.Api.Feedback;

namespace InstructGpt.Api.Labeling;

/// <summary>Why a labeler skips a task (optional).</summary>
public sealed record SkipRequest
{
    public string? Reason { get; init; }

    public string? ValidReason() => FeedbackFields.OptionalComment(Reason);
}
