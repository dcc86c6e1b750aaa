
using InstructGpt.Tasks;

namespace InstructGpt.Training.Data;

/// <summary>A prompt with no answer (PPO episodes, evaluation): <c>{"prompt"}</c>.</summary>
public sealed record PromptRecord(string Prompt)
{
    public RecordMetadata Metadata { get; init; } = RecordMetadata.None;

    /// <summary>What a labeler needs to judge an output for this prompt.</summary>
    public PromptTask ToPromptTask(string? reference = null) => new()
    {
        Id = Metadata.Id ?? "",
        Prompt = Prompt,
        Category = Metadata.Category ?? TaskCategory.Other,
        Constraints = Metadata.Constraints,
        Source = Metadata.Source,
        Reference = reference,
    };
}
