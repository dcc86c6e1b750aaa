using InstructGpt.Evaluation.Judges;
using InstructGpt.Evaluation.Storage;
using InstructGpt.Tasks;

namespace InstructGpt.Evaluation.Runs;

/// <summary>One output of a batch, with the task it answers (none for a toxicity probe): what the runner judges and stores.</summary>
internal sealed record BatchOutput(GeneratedOutput Output, PromptTask? Task)
{
    /// <summary>What a judge reads of it: no run, model or key, only the prompt, the text and the task.</summary>
    public JudgedOutput ToJudged() => new(Output.Prompt, Output.Output, Task);
}
