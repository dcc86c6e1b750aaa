using InstructGpt.Api.Evaluations;

namespace InstructGpt.Api.Labeling;

/// <summary>A labeling batch over REST.</summary>
/// <param name="Status">queued, sampling, ready (labeling open), completed (every task has overlap submissions), cancelled or failed.</param>
public sealed record BatchObject(
    string Object, string Id, string? Name, string Status, IReadOnlyList<string> Models, BatchPrompts Prompts, int? MaxPrompts, int OutputsPerPrompt,
    int Overlap, EvaluationSamplingSpec Sampling, BatchProgress Progress, string? Error, long CreatedAt, long? FinishedAt)
{
    public const string ObjectName = "labeling.batch";
}
