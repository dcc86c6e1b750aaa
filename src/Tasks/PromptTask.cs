namespace InstructGpt.Tasks;

/// <summary>
/// What a labeler sees: a prompt, its category, the constraints it states, the source text of a closed-domain
/// task, and (when known) a reference demonstration: the answer a trained labeler wrote for it.
/// </summary>
public sealed record PromptTask
{
    public string Id { get; init; } = "";
    public required string Prompt { get; init; }
    public TaskCategory Category { get; init; } = TaskCategory.Other;
    public IReadOnlyList<TaskConstraint> Constraints { get; init; } = [];
    public string? Source { get; init; }
    public string? Reference { get; init; }
}
