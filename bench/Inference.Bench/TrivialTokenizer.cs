using System.Text;
using InstructGpt.Inference.Tokenization;

namespace InstructGpt.Inference.Bench;

/// <summary>A stand-in tokenizer for timing the generator: token i is the letter 'a' + i mod 26.</summary>
internal sealed class TrivialTokenizer(int vocabSize, int endOfTextId) : ITokenizer
{
    public int VocabSize { get; } = vocabSize;
    public int EndOfTextId { get; } = endOfTextId;
    public int[] Encode(string text) => text.Select(c => (c - 'a' + 26) % 26).ToArray();
    public string Decode(IReadOnlyList<int> ids) => string.Concat(ids.Select(i => (char)('a' + i % 26)));
    public byte[] TokenBytes(int id) => Encoding.ASCII.GetBytes(((char)('a' + id % 26)).ToString());
}
