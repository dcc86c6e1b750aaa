using InstructGpt.Evaluation.Storage;
using InstructGpt.Evaluation.Tasks;

namespace InstructGpt.Evaluation.Judges;

/// <summary>A model's output and the baseline's output for the same prompt and sample index.</summary>
public sealed record JudgedPair(PromptTask Task, GeneratedOutput Output, GeneratedOutput Baseline)
{
    /// <summary>Identifies the comparison, e.g. to choose which output a judge sees first.</summary>
    public string Key => $"{Output.PromptId}/{Output.Variant}/{Output.SampleIndex}/{Output.Model}/{Baseline.Model}";
}
