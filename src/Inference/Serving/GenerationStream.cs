using System.Threading.Channels;

namespace InstructGpt.Inference.Serving;

/// <summary>
/// What <see cref="ContinuousBatchScheduler.Submit"/> hands back: the deltas of every completion as they are
/// decoded (only when streaming was asked for), and the whole result when the last completion ends. A
/// cancelled request ends both with <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class GenerationStream
{
    internal GenerationStream(ChannelReader<SequenceDelta> deltas, Task<GenerationResult> completion, int promptTokens)
    {
        Deltas = deltas;
        Completion = completion;
        PromptTokens = promptTokens;
    }

    /// <summary>Deltas in the order they were produced; completes when the request ends. Empty unless streaming.</summary>
    public ChannelReader<SequenceDelta> Deltas { get; }

    public Task<GenerationResult> Completion { get; }

    public int PromptTokens { get; }
}
