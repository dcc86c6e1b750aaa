namespace InstructGpt.Inference.Generation;

/// <summary>Why a completion ended, as OpenAI reports it.</summary>
public enum FinishReason
{
    /// <summary>EOS or a stop sequence.</summary>
    Stop,
    /// <summary>max_tokens or the model's context was reached.</summary>
    Length,
}
