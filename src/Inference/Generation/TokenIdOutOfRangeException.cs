namespace InstructGpt.Inference.Generation;

/// <summary>A prompt token id outside the vocabulary; says where, so that the API can name the field to fix.</summary>
public sealed class TokenIdOutOfRangeException(int prompt, int position, int id, int vocabularySize)
    : ArgumentOutOfRangeException("prompt", id, $"token ids must be in [0, {vocabularySize - 1}] (got {id})")
{
    public int Prompt { get; } = prompt;
    public int Position { get; } = position;
}
