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

/// <summary>A model's output and the baseline's output for the same prompt and sample index.</summary>
public sealed record JudgedPair(PromptTask Task, GeneratedOutput Output, GeneratedOutput Baseline)
{
    /// <summary>Identifies the comparison, e.g. to choose which output a judge sees first.</summary>
    public string Key => $"{Output.PromptId}/{Output.Variant}/{Output.SampleIndex}/{Output.Model}/{Baseline.Model}";
}

/// <summary>A judge's preference between a model's output and the baseline's; <see cref="Result"/> is null when it gave none it could be read as.</summary>
public sealed record PairwiseVerdict(Metrics.PairwiseResult? Result, string Reason);
