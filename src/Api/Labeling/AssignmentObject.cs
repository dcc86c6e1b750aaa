namespace InstructGpt.Api.Labeling;

/// <summary>The answer of tasks/next: the task (null when none is left) and "Page <paramref name="Page"/> / <paramref name="Total"/>".</summary>
public sealed record AssignmentObject(string Object, TaskObject? Task, int Page, int Total)
{
    public const string ObjectName = "labeling.assignment";

    public static AssignmentObject From(Assignment assignment) => new(ObjectName,
        assignment.Task is { } task ? TaskObject.For(task, assignment.AssignedAt) : null, assignment.Finished + 1, assignment.Finished + assignment.Open);
}
