namespace InstructGpt.Inference.Serving;

/// <summary>How much one model's scheduler takes on at once.</summary>
public sealed record SchedulerOptions
{
    /// <summary>Sequences decoded together in one step. A request with more sequences runs alone.</summary>
    public int MaxBatchSize { get; init; } = 16;

    /// <summary>Requests that may wait for room in the batch; beyond this <see cref="SchedulerQueueFullException"/> is thrown.</summary>
    public int QueueCapacity { get; init; } = 64;

    public SchedulerOptions Validate()
    {
        if (MaxBatchSize < 1) throw new ArgumentOutOfRangeException(nameof(MaxBatchSize), MaxBatchSize, "MaxBatchSize must be >= 1");
        if (QueueCapacity < 0) throw new ArgumentOutOfRangeException(nameof(QueueCapacity), QueueCapacity, "QueueCapacity must be >= 0");
        return this;
    }
}
