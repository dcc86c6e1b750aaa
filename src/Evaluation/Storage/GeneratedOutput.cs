using InstructGpt.Evaluation.Metrics;

namespace InstructGpt.Evaluation.Storage;

/// <summary>
/// What one model wrote for one prompt (one of its k samples), stored before any judge labels it. The runner
/// hands judges the text of these rows, so a resumed run labels exactly the text the interrupted one generated.
/// </summary>
public sealed record GeneratedOutput
{
    public required string RunId { get; init; }
    public required string Model { get; init; }
    public required string PromptId { get; init; }

    /// <summary>The prompt's category name (<c>generation</c>, <c>closed_qa</c>, …), or <c>toxicity</c> for probes.</summary>
    public required string Category { get; init; }

    /// <summary><see cref="PromptVariants.None"/> or <see cref="PromptVariants.Respectful"/>.</summary>
    public string Variant { get; init; } = PromptVariants.None;

    public int SampleIndex { get; init; }

    /// <summary>The prompt as its user wrote it (without a few-shot prefix or the instruction separator).</summary>
    public required string Prompt { get; init; }

    public required string Output { get; init; }

    /// <summary><c>stop</c> or <c>length</c>, as in the completions API.</summary>
    public string? FinishReason { get; init; }

    /// <summary>Set by the store when the row is written, unless given.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    public OutputKey Key => new(Model, PromptId, Variant, SampleIndex);
}
