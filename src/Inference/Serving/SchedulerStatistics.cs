namespace InstructGpt.Inference.Serving;

/// <summary>A snapshot of what a scheduler is doing and has done.</summary>
/// <param name="QueuedRequests">Requests waiting for room in the batch.</param>
/// <param name="ActiveSequences">Sequences in the decode batch now.</param>
/// <param name="MaxBatchSizeObserved">The most sequences ever decoded together in one step: more than 1 means requests were batched.</param>
/// <param name="DecodeSteps">Forward passes of one token for the whole batch.</param>
/// <param name="Compactions">Times the KV cache was compacted to reclaim padding columns.</param>
public sealed record SchedulerStatistics(
    int QueuedRequests,
    int ActiveSequences,
    int MaxBatchSizeObserved,
    long DecodeSteps,
    long Prefills,
    long GeneratedTokens,
    long CompletedRequests,
    long CancelledRequests,
    long FailedRequests,
    long Compactions);
