using InstructGpt.Tasks;

namespace InstructGpt.Api.Labeling;

/// <summary>A task as a labeler sees it: the prompt and its outputs under letters, with no model names.</summary>
public sealed record TaskObject(string Object, long Id, string BatchId, string Prompt, string? Category, IReadOnlyList<string> Constraints,
    IReadOnlyList<ShownOutput> Outputs, long? AssignedAt)
{
    public const string ObjectName = "labeling.task";

    public static TaskObject For(LabelingTask task, DateTimeOffset? assignedAt) => new(ObjectName, task.Id, task.BatchId, task.Task.Prompt,
        task.Task.Category.ToName(), task.Task.Constraints.Select(c => c.ToString()).ToArray(),
        task.Outputs.Select(o => new ShownOutput(o.Label, o.Text)).ToArray(), assignedAt?.ToUnixTimeSeconds());
}
