namespace InstructGpt.Inference.Serving;

/// <summary>The scheduler's waiting queue is full; the caller should retry later (HTTP 429).</summary>
public sealed class SchedulerQueueFullException(string model, int capacity)
    : Exception($"The server is busy: {capacity} requests for model '{model}' are already waiting. Retry after a short delay.")
{
    public string Model { get; } = model;
    public int Capacity { get; } = capacity;
}
