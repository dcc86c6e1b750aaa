namespace InstructGpt.Api.Labeling;

/// <summary>A labeler's assignment of a task: assigned, submitted, skipped or expired, with the time spent and the comparison it stored.</summary>
public sealed record TaskAssignment(string Labeler, string Status, long AssignedAt, long? FinishedAt, double? Seconds, long? ComparisonId, string? SkipReason);
