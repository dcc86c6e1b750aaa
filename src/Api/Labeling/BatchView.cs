using InstructGpt.Api.Jobs;

namespace InstructGpt.Api.Labeling;

/// <summary>A batch as its job and the labeling tables describe it together; <see cref="ToObject"/> decides its status.</summary>
public sealed record BatchView(JobRecord Job, BatchState? State, LiveProgress? Live)
{
    public string Status => (Job.Status, State) switch
    {
        (JobStatus.Queued, _) => "queued",
        (JobStatus.Running, _) => "sampling",
        (JobStatus.Succeeded, { ClosedAt: not null }) => "cancelled",
        (JobStatus.Succeeded, { IsComplete: true }) => "completed",
        (JobStatus.Succeeded, not null) => "ready",
        (JobStatus.Cancelled, _) => "cancelled",
        _ => "failed", // failed, interrupted (not resumable), or succeeded without tasks, which a finished job never leaves
    };

    /// <summary>Whether the batch has ended: nothing to cancel or close any more.</summary>
    public bool HasEnded => Status is "cancelled" or "failed";

    public BatchObject ToObject()
    {
        var spec = JobSpecJson.Read<BatchSpec>(Job.RequestJson);
        var sampling = Job.Status == JobStatus.Succeeded ? 1.0 : Live?.Fraction ?? Job.Fraction;
        var progress = State is { } s
            ? new BatchProgress(sampling, s.Tasks, s.Submissions, s.RequiredSubmissions, s.Skips,
                s.RequiredSubmissions == 0 ? 0 : Math.Round(Math.Min(1.0, s.Submissions / (double)s.RequiredSubmissions), 4))
            : new BatchProgress(Math.Round(sampling, 4), 0, 0, 0, 0, 0);
        var status = Status;
        var finishedAt = status switch
        {
            "cancelled" when State?.ClosedAt is { } closed => closed.ToUnixTimeSeconds(),
            "cancelled" or "failed" => Job.FinishedAt?.ToUnixTimeSeconds(),
            _ => null,
        };
        var error = status == "failed" ? Job.Error ?? "the sampling job ended without storing tasks" : Job.Status == JobStatus.Cancelled ? Job.Error : null;
        return new BatchObject(BatchObject.ObjectName, Job.Id, spec.Name, status, spec.Models, spec.Prompts, spec.MaxPrompts, spec.OutputsPerPrompt,
            spec.Overlap, spec.Sampling, progress, error, Job.CreatedAt.ToUnixTimeSeconds(), finishedAt);
    }
}
