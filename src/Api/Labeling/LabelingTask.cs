using InstructGpt.Tasks;

namespace InstructGpt.Api.Labeling;

/// <summary>A stored task: one prompt of a batch with its outputs in the order shown (A, B, …).</summary>
public sealed record LabelingTask(long Id, string BatchId, int Position, PromptTask Task, IReadOnlyList<TaskOutput> Outputs)
{
    public IReadOnlyList<string> Labels => Outputs.Select(o => o.Label).ToArray();
}
