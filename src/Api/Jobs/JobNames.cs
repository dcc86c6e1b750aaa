namespace InstructGpt.Api.Jobs;

public static class JobNames
{
    public static string ToName(this JobStatus status) => status switch
    {
        JobStatus.Queued => "queued",
        JobStatus.Running => "running",
        JobStatus.Succeeded => "succeeded",
        JobStatus.Failed => "failed",
        JobStatus.Cancelled => "cancelled",
        JobStatus.Interrupted => "interrupted",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static JobStatus ParseStatus(string name) =>
        Enum.GetValues<JobStatus>().Where(s => s.ToName() == name).Select(s => (JobStatus?)s).FirstOrDefault()
            ?? throw new FormatException($"'{name}' is not a job status; use queued, running, succeeded, failed, cancelled or interrupted.");

    public static bool IsFinished(this JobStatus status) => status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled or JobStatus.Interrupted;

    public static string ToName(this JobKind kind) => kind switch
    {
        JobKind.Training => "training",
        JobKind.Pipeline => "pipeline",
        JobKind.Evaluation => "evaluation",
        JobKind.Labeling => "labeling",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static JobKind ParseKind(string name) => name switch
    {
        "training" => JobKind.Training,
        "pipeline" => JobKind.Pipeline,
        "evaluation" => JobKind.Evaluation,
        "labeling" => JobKind.Labeling,
        _ => throw new FormatException($"'{name}' is not a job kind; use training, pipeline, evaluation or labeling."),
    };
}
