using System.Text;
using InstructGpt.Inference.Tokenization;

namespace InstructGpt.Api.Tests.Fixtures;

/// <summary>
/// The smallest byte-level vocabulary: id b is the byte b, and id 256 is &lt;|endoftext|&gt;. It is what a byte-level
/// BPE tokenizer with no merges reads from the vocab.json and merges.txt that <see cref="TestCheckpoints"/> writes,
/// so the fixture can switch to the real tokenizer without changing a test.
/// </summary>
public sealed class ByteTokenizer : ITokenizer
{
    public const int EndOfText = 256;
    public int VocabSize => 257;
    public int EndOfTextId => EndOfText;
    public int[] Encode(string text) => Encoding.UTF8.GetBytes(text).Select(b => (int)b).ToArray();
    public string Decode(IReadOnlyList<int> ids) => Encoding.UTF8.GetString(ids.SelectMany(TokenBytes).ToArray());
    public byte[] TokenBytes(int id) => id == EndOfText ? "<|endoftext|>"u8.ToArray() : [(byte)id];

    /// <summary>GPT-2's bytes_to_unicode: each byte spelled as one printable character (Radford et al., 2019, encoder.py).</summary>
    public static char Spell(byte b)
    {
        var printable = Enumerable.Range('!', '~' - '!' + 1).Concat(Enumerable.Range('¡', '¬' - '¡' + 1)).Concat(Enumerable.Range('®', 'ÿ' - '®' + 1)).ToHashSet();
        if (printable.Contains(b)) return (char)b;
        var n = 0;
        for (var i = 0; i < b; i++)
            if (!printable.Contains(i)) n++;
        return (char)(256 + n);
    }

    /// <summary>Writes vocab.json (byte b → id b, &lt;|endoftext|&gt; → 256) and an empty merges.txt.</summary>
    public static void WriteFiles(string directory)
    {
        var vocab = new Dictionary<string, int>();
        for (var b = 0; b < 256; b++) vocab[Spell((byte)b).ToString()] = b;
        vocab["<|endoftext|>"] = EndOfText;
        File.WriteAllText(Path.Combine(directory, "vocab.json"), System.Text.Json.JsonSerializer.Serialize(vocab));
        File.WriteAllText(Path.Combine(directory, "merges.txt"), "#version: 0.2\n");
    }
}
