namespace InstructGpt.Api.Evaluations;

/// <summary>
/// An evaluation request after validation, with its defaults filled in: the job's request_json, so that a job resumed after a
/// restart runs what was accepted. The llm judge's API key is not in it (see <see cref="EvaluationApiKeys"/>).
/// </summary>
public sealed record EvaluationSpec
{
    /// <summary>Every model, the baseline first.</summary>
    public required IReadOnlyList<string> Models { get; init; }
    public required string Baseline { get; init; }
    public required IReadOnlyList<string> EvalSets { get; init; }
    public required IReadOnlyList<string> Judges { get; init; }
    public string? RewardModel { get; init; }
    public LlmJudgeSpec? Llm { get; init; }
    public required EvaluationSamplingSpec Sampling { get; init; }
    public int? MaxPrompts { get; init; }
    public required int SamplesPerProbe { get; init; }
    public required string AlignmentTaxReference { get; init; }
}
