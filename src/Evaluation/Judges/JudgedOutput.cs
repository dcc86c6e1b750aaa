
using InstructGpt.Tasks;

namespace InstructGpt.Evaluation.Judges;

/// <summary>
/// One output as a judge reads it: the prompt as its user wrote it, the model's text, and the task for an
/// instruction prompt (none for a toxicity probe). Which run or model wrote it is the runner's business.
/// </summary>
public sealed record JudgedOutput(string Prompt, string Output, PromptTask? Task)
{
    public bool IsInstruction => Task is not null;
}
