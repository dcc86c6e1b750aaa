namespace InstructGpt.Evaluation.Storage;

/// <summary>Where an evaluation run is in its life. Stored lower-case in <c>evaluation_runs.status</c>.</summary>
public enum RunStatus
{
    Queued,
    Running,
    Completed,
    Failed,
    Cancelled,
}
