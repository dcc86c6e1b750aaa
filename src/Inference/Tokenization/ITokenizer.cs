namespace InstructGpt.Inference.Tokenization;

/// <summary>What generation needs from a tokenizer: ids in, text and bytes out.</summary>
public interface ITokenizer
{
    int VocabSize { get; }
    int EndOfTextId { get; }
    int[] Encode(string text);
    string Decode(IReadOnlyList<int> ids);
    /// <summary>The raw bytes of one token (a token may hold part of a UTF-8 character).</summary>
    byte[] TokenBytes(int id);
}
