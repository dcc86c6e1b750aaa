namespace InstructGpt.Api.Jobs;

/// <summary>The job queue is at Jobs:QueueCapacity; answered 429.</summary>
public sealed class JobQueueFullException(string message) : Exception(message)
{
    /// <summary>When a client should try again: jobs take minutes, so polling faster than this only adds load.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);
}
