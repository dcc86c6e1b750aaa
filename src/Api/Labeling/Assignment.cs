namespace InstructGpt.Api.Labeling;

/// <summary>
/// What <c>tasks/next</c> hands a labeler: the task (null when none is left) and when it was assigned, how many tasks they
/// have finished (submitted or skipped) and how many are still open to them, the one held included.
/// </summary>
public sealed record Assignment(LabelingTask? Task, DateTimeOffset? AssignedAt, int Finished, int Open);
