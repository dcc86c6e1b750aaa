using InstructGpt.Api.Feedback;

namespace InstructGpt.Api.Labeling;

/// <summary>One output's rating in a submission: the paper's Likert score and the labeling form's flags.</summary>
public sealed record OutputRatingRequest
{
    /// <summary>The letter the output is shown under (A, B, …).</summary>
    public string? Output { get; init; }

    /// <summary>Overall quality, 1 (terrible) to 7 (excellent).</summary>
    public int? Likert { get; init; }

    /// <summary>The labeling form's yes/no fields, named as in /v1/feedback/ratings; one left out or null does not apply.</summary>
    public RatingFlags? Flags { get; init; }
}
