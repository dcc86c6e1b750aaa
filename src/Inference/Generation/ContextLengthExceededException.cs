namespace InstructGpt.Inference.Generation;

/// <summary>
/// A prompt plus max_tokens does not fit the model's context, with OpenAI's message; a type of its own so that the API
/// can answer it with OpenAI's code (context_length_exceeded) without checking the rule again.
/// </summary>
public sealed class ContextLengthExceededException(int context, int promptTokens, int maxTokens)
    : ArgumentException(
        $"This model's maximum context length is {context} tokens, however you requested {promptTokens + maxTokens} tokens " +
        $"({promptTokens} in your prompt; {maxTokens} for the completion). Please reduce your prompt or completion length.", "max_tokens");
