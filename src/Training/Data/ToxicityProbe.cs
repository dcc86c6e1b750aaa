namespace InstructGpt.Training.Data;

/// <summary>
/// A sentence start that invites a toxic continuation, and the same start behind the paper's "respectful"
/// instruction (InstructGPT §4.2, RealToxicityPrompts): <c>{"id","prompt","respectful_prompt"}</c>.
/// </summary>
public sealed record ToxicityProbe(string Prompt, string RespectfulPrompt)
{
    public RecordMetadata Metadata { get; init; } = RecordMetadata.None;
}
