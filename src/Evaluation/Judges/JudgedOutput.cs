using InstructGpt.Evaluation.Storage;
using InstructGpt.Evaluation.Tasks;

namespace InstructGpt.Evaluation.Judges;

/// <summary>A generated output with what a judge needs to read it: the task for an instruction prompt, none for a toxicity probe.</summary>
public sealed record JudgedOutput(GeneratedOutput Output, PromptTask? Task)
{
    public bool IsInstruction => Task is not null;

    /// <summary>The sample row this judge fills in; the caller sets what the judge measured.</summary>
    public EvaluationSample ToSample(string judge) => new()
    {
        RunId = Output.RunId,
        Model = Output.Model,
        PromptId = Output.PromptId,
        Category = Output.Category,
        Variant = Output.Variant,
        SampleIndex = Output.SampleIndex,
        Prompt = Output.Prompt,
        Output = Output.Output,
        Judge = judge,
        FinishReason = Output.FinishReason,
    };
}
