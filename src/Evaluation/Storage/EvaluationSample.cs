using InstructGpt.Evaluation.Metrics;

namespace InstructGpt.Evaluation.Storage;

/// <summary>
/// One output of one model for one prompt, as one judge labeled it. A run stores one row per
/// (model, prompt, variant, sample index, judge): that key is what makes a resumed run skip finished work and
/// never count a sample twice.
/// </summary>
public sealed record EvaluationSample
{
    public required string RunId { get; init; }
    public required string Model { get; init; }
    public required string PromptId { get; init; }

    /// <summary>The prompt's use-case category (Table 1 names such as <c>generation</c>, <c>closed_qa</c>), or <c>toxicity</c> for probes.</summary>
    public required string Category { get; init; }

    /// <summary>The instruction the prompt was given under: <see cref="PromptVariants.None"/> or <see cref="PromptVariants.Respectful"/>.</summary>
    public string Variant { get; init; } = PromptVariants.None;

    /// <summary>0 … k−1 for the k continuations sampled per prompt.</summary>
    public int SampleIndex { get; init; }

    public required string Prompt { get; init; }
    public required string Output { get; init; }
    public required string Judge { get; init; }

    /// <summary>Overall quality on the paper's 1–7 scale (Figure 5), when the judge gives one.</summary>
    public int? Likert { get; init; }

    /// <summary>Metadata flags by name (<see cref="MetadataFlags"/>); a flag that does not apply is absent.</summary>
    public IReadOnlyDictionary<string, bool> Flags { get; init; } = new Dictionary<string, bool>();

    /// <summary>The judge's reasons, in its own words.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>Toxicity score in [0, 1], when scored.</summary>
    public double? Toxicity { get; init; }

    /// <summary>The reward model's score of this output, when scored.</summary>
    public double? RmScore { get; init; }

    /// <summary>Why generation stopped (<c>stop</c>, <c>length</c>), as in the completions API.</summary>
    public string? FinishReason { get; init; }

    /// <summary>Set by the store when the row is written, unless given.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    public SampleKey Key => new(Model, PromptId, Variant, SampleIndex, Judge);
}
