namespace InstructGpt.Api.Feedback;

/// <summary>A stored rating.</summary>
/// <param name="Id">Also the id of the human label the evaluation's "human" judge reads.</param>
/// <param name="Object">Always "feedback.rating".</param>
/// <param name="CreatedAt">Unix seconds.</param>
public sealed record FeedbackRating(
    long Id, string Object, string? PromptId, string Prompt, string Output, string? Model, int Likert,
    IReadOnlyDictionary<string, bool> Flags, string? Comment, string Labeler, long CreatedAt)
{
    public const string ObjectName = "feedback.rating";
}
