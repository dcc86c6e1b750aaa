using System.Text;
using InstructGpt.Inference.Tokenization;

namespace InstructGpt.Training.Tests.Stages;

/// <summary>One token per printable ASCII character (id = char − 32) plus EOS = 96.</summary>
internal sealed class CharTokenizer : ITokenizer
{
    public int VocabSize => 97;
    public int EndOfTextId => 96;
    public int[] Encode(string text) => text.Where(c => c >= 32 && c < 128).Select(c => c - 32).ToArray();
    public string Decode(IReadOnlyList<int> ids) => new(ids.Where(i => i < 96).Select(i => (char)(i + 32)).ToArray());
    public byte[] TokenBytes(int id) => id < 96 ? [(byte)(id + 32)] : Encoding.UTF8.GetBytes("<|endoftext|>");
}
