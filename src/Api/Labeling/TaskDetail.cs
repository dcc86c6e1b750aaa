using InstructGpt.Tasks;

namespace InstructGpt.Api.Labeling;

/// <summary>A task as the batch's owner sees it: every output with its model, and who holds, submitted or skipped it.</summary>
public sealed record TaskDetail(string Object, long Id, string BatchId, string PromptId, string Prompt, string? Category, IReadOnlyList<string> Constraints,
    IReadOnlyList<TaskOutput> Outputs, IReadOnlyList<TaskAssignment> Submissions, IReadOnlyList<TaskAssignment> Assignments)
{
    public static TaskDetail From(LabelingTask task, IReadOnlyList<TaskAssignment> assignments) => new(TaskObject.ObjectName, task.Id, task.BatchId,
        task.Task.Id, task.Task.Prompt, TaskObject.CategoryName(task.Task), task.Task.Constraints.Select(c => c.ToString()).ToArray(), task.Outputs,
        assignments.Where(a => a.Status == "submitted").ToArray(), assignments);
}
