using InstructGpt.Api.Evaluations;

namespace InstructGpt.Api.Labeling;

/// <summary>A validated batch, with its defaults filled in: what the job stores as its request_json and runs.</summary>
public sealed record BatchSpec
{
    public string? Name { get; init; }
    public required BatchPrompts Prompts { get; init; }
    public int? MaxPrompts { get; init; }
    public required IReadOnlyList<string> Models { get; init; }
    public required int OutputsPerPrompt { get; init; }
    public required EvaluationSamplingSpec Sampling { get; init; }
    public required int Overlap { get; init; }

    /// <summary>The model that writes output <paramref name="index"/> of every prompt, and which of that model's answers it is.</summary>
    public (int Model, int Answer) Writer(int index) => (index % Models.Count, index / Models.Count);

    /// <summary>How many answers per prompt model <paramref name="model"/> writes.</summary>
    public int AnswersOf(int model) => Enumerable.Range(0, OutputsPerPrompt).Count(i => Writer(i).Model == model);
}
