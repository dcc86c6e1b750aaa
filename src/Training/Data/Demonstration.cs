
using InstructGpt.Tasks;

namespace InstructGpt.Training.Data;

/// <summary>A prompt and the answer a labeler wrote for it (SFT data): <c>{"prompt","completion"}</c>.</summary>
public sealed record Demonstration(string Prompt, string Completion)
{
    public RecordMetadata Metadata { get; init; } = RecordMetadata.None;

    /// <summary>What a labeler needs to judge an output for this prompt (the completion is the reference).</summary>
    public PromptTask ToPromptTask(string? reference = null) => new()
    {
        Id = Metadata.Id ?? "",
        Prompt = Prompt,
        Category = Metadata.Category ?? TaskCategory.Other,
        Constraints = Metadata.Constraints,
        Source = Metadata.Source,
        Reference = reference ?? Completion,
    };
}
