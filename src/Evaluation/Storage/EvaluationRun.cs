namespace InstructGpt.Evaluation.Storage;

/// <summary>
/// One evaluation run: which models were evaluated against which baseline, on which evaluation set, by which
/// judges, and the runner's full configuration as JSON (kept verbatim so a run can be repeated).
/// </summary>
public sealed record EvaluationRun
{
    public required string Id { get; init; }
    public RunStatus Status { get; init; } = RunStatus.Queued;
    public required IReadOnlyList<string> Models { get; init; }
    public required string Baseline { get; init; }
    public required string EvalSet { get; init; }
    public required IReadOnlyList<string> Judges { get; init; }

    /// <summary>The runner's configuration, a JSON object.</summary>
    public string ConfigJson { get; init; } = "{}";

    /// <summary>Why the run failed, when it did.</summary>
    public string? Error { get; init; }

    /// <summary>Set by the store when the run is created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Set by the store at every status change.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
