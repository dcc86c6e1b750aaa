namespace InstructGpt.Api.Feedback;

/// <summary>One page of a list, oldest first; pass <see cref="LastId"/> as <c>after</c> for the next page.</summary>
/// <param name="Object">Always "list".</param>
public sealed record FeedbackPage<T>(string Object, IReadOnlyList<T> Data, long? FirstId, long? LastId, bool HasMore);
