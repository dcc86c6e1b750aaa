using InstructGpt.Api.Errors;

namespace InstructGpt.Api.Feedback;

/// <summary>Checks of the text fields feedback requests share, with messages naming the field and what it must be.</summary>
internal static class FeedbackFields
{
    public const int MaxNameLength = 128;
    public const int MaxCommentLength = 10_000;

    /// <summary>The labeler recorded when a request names none.</summary>
    public const string DefaultLabeler = "api";

    public static string Required(string? value, string field, bool allowEmpty = false)
    {
        if (value is null) throw new InvalidRequestException($"Missing required field '{field}': a string.", field);
        if (!allowEmpty && value.Trim().Length == 0) throw new InvalidRequestException($"Invalid value for '{field}': must not be empty.", field);
        return value;
    }

    /// <summary>A short identifier (labeler, model, prompt id): null when absent, otherwise 1 to 128 characters.</summary>
    public static string? OptionalName(string? value, string field)
    {
        if (value is null) return null;
        if (value.Trim().Length == 0 || value.Length > MaxNameLength)
            throw new InvalidRequestException($"Invalid value for '{field}': must be 1 to {MaxNameLength} characters (got {value.Length}).", field);
        return value;
    }

    public static string? OptionalComment(string? value)
    {
        if (value is { Length: > MaxCommentLength })
            throw new InvalidRequestException($"Invalid value for 'comment': at most {MaxCommentLength} characters (got {value.Length}).", "comment");
        return value;
    }
}
