using InstructGpt.Inference.Generation;

namespace InstructGpt.Inference.Serving;

/// <summary>
/// One API request for a scheduler: prompts as token ids and how to sample. Each prompt gets
/// <see cref="SamplingOptions.N"/> completions; completion <c>i * N + j</c> is the j-th sample of prompt i
/// (the order of OpenAI's <c>choices</c>).
/// </summary>
public sealed record GenerationRequest(IReadOnlyList<IReadOnlyList<int>> Prompts, SamplingOptions Options)
{
    /// <summary>How many rows of the decode batch the request occupies.</summary>
    public int SequenceCount => Prompts.Count * Options.N;
}
