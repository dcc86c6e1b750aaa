using InstructGpt.Evaluation.Judges;

namespace InstructGpt.Evaluation.Storage;

/// <summary>
/// One output of one model for one prompt, as one judge labeled it: the output, the judge's name and its label,
/// composed rather than copied. A run stores one row per (model, prompt, variant, sample index, judge): that key
/// is what makes a resumed run skip finished work and never count a sample twice.
/// </summary>
public sealed record EvaluationSample
{
    /// <summary>The output the judge read. The samples table keeps no time of its own for it: read back, its <c>CreatedAt</c> is unset.</summary>
    public required GeneratedOutput Output { get; init; }

    public required string Judge { get; init; }

    public required SampleLabel Label { get; init; }

    /// <summary>When the sample was stored: set by the store when the row is written, unless given.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    public SampleKey Key => new(Output.Model, Output.PromptId, Output.Variant, Output.SampleIndex, Judge);
}
