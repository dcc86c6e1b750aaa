namespace InstructGpt.Inference.Generation;

/// <summary>How a <see cref="GenerationBatch{TRow}"/> keeps its rows and its KV cache.</summary>
/// <param name="SharedCapacity">
/// Null: the batch is joined once and keeps the cache of that prefill, sized by the caller (prompt width plus the
/// tokens to come), so finished rows only ever shrink it. A number: continuous batching, where every join copies
/// into a cache of that many columns (the model's context) and the cache is compacted as rows leave.
/// </param>
/// <param name="KeepFinishedRows">
/// Finished rows stay in the batch and are fed <paramref name="FinishedRowToken"/>, so every step samples every row
/// in one draw: PPO's rollout, whose shared random stream (and so every PPO result) depends on the row count.
/// </param>
public sealed record GenerationBatchOptions(long? SharedCapacity = null, bool KeepFinishedRows = false, long FinishedRowToken = PromptBatch.PadId);
