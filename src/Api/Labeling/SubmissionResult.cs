namespace InstructGpt.Api.Labeling;

/// <summary>The answer to a stored submission: the ratings' ids (label order) and the comparison's.</summary>
public sealed record SubmissionResult(string Object, long TaskId, IReadOnlyList<long> RatingIds, long ComparisonId)
{
    public const string ObjectName = "labeling.submission";
}
