namespace InstructGpt.Api.Feedback;

/// <summary>A rating whose fields are all in range.</summary>
public sealed record ValidRating(
    string? PromptId, string Prompt, string Output, string? Model, int Likert, IReadOnlyDictionary<string, bool> Flags, string? Comment, string Labeler);
