using InstructGpt.Tasks;

namespace InstructGpt.Api.Labeling;

/// <summary>A task as a labeler sees it: the prompt and its outputs under letters, with no model names.</summary>
public sealed record TaskObject(string Object, long Id, string BatchId, string Prompt, string? Category, IReadOnlyList<string> Constraints,
    IReadOnlyList<ShownOutput> Outputs, long? AssignedAt)
{
    public const string ObjectName = "labeling.task";

    public static TaskObject For(LabelingTask task, DateTimeOffset? assignedAt) => new(ObjectName, task.Id, task.BatchId, task.Task.Prompt,
        CategoryName(task.Task), task.Task.Constraints.Select(c => c.ToString()).ToArray(),
        task.Outputs.Select(o => new ShownOutput(o.Label, o.Text)).ToArray(), assignedAt?.ToUnixTimeSeconds());

    /// <summary>The task's category (InstructGPT Table 1), or null for "other": typed prompts and prompts datasets carry none.</summary>
    public static string? CategoryName(PromptTask task) => task.Category == TaskCategory.Other ? null : task.Category.ToName();
}
