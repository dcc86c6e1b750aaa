namespace InstructGpt.Inference.Generation;

/// <summary>
/// One row of a <see cref="GenerationBatch{TRow}"/>: how it samples, and what it makes of the token it is given. The
/// batch owns the tensors; the row owns what a token means (end of text, stop sequences, streaming, PPO's responses).
/// </summary>
public interface IDecodingRow
{
    RowSampling Sampling { get; }

    /// <summary>
    /// Whether the row wants no more tokens: it ended, or its request went away. The batch reads it once per step
    /// before offering the token, and once after, to decide whether the row stays.
    /// </summary>
    bool Finished { get; }

    /// <summary>Takes the row's sampled token; <paramref name="logprob"/> is NaN and <paramref name="top"/> null when the step computed none.</summary>
    void Append(int token, double logprob, (int id, double logprob)[]? top);
}
