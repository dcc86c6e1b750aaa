using InstructGpt.Inference.Generation;

namespace InstructGpt.Inference.Serving;

/// <summary>A finished request: its completions in choice order and the token counts OpenAI reports as usage.</summary>
/// <param name="PromptTokens">Tokens of every prompt, each counted once however many samples it had.</param>
/// <param name="CompletionTokens">Tokens sampled for every completion, including a final end-of-text token.</param>
public sealed record GenerationResult(IReadOnlyList<GeneratedSequence> Sequences, int PromptTokens, int CompletionTokens);
