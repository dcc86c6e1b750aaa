namespace InstructGpt.Inference.Generation;

/// <summary>One completion: the n-th sample for one prompt.</summary>
/// <param name="Text">The completion (preceded by the prompt when echo is on), without any stop sequence.</param>
/// <param name="TokenIds">The generated token ids (without the prompt or EOS).</param>
/// <param name="Logprobs">Per token, when requested: the prompt's tokens first if echoed, then the completion's.</param>
public sealed record GeneratedSequence(
    int PromptIndex,
    int Index,
    string Text,
    IReadOnlyList<int> PromptIds,
    IReadOnlyList<int> TokenIds,
    FinishReason FinishReason,
    IReadOnlyList<TokenLogprob>? Logprobs);
