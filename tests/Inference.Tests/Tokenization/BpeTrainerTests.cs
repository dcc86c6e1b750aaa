using System.Text.Json;
using InstructGpt.Inference.Tokenization;

namespace InstructGpt.Inference.Tests.Tokenization;

public sealed class BpeTrainerTests : IDisposable
{
    private const int VocabSize = 1500;
    private static readonly List<string> corpus = TestData.ReadJsonLines(Path.Combine(TestData.CorpusDirectory, "real-text.jsonl"));
    private static readonly List<string> trainingText = corpus.Take(4000).ToList();
    private static readonly List<string> heldOutText = corpus.Skip(4000).Take(1000).ToList();
    private static readonly Lazy<BpeTokenizer> trained = new(() => BpeTokenizer.Train(trainingText, VocabSize));

    private readonly string directory = Directory.CreateTempSubdirectory("bpe-trainer-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void HasExactlyTheRequestedVocabularyWithGpt2sLayout()
    {
        var tokenizer = trained.Value;

        Assert.Equal(VocabSize, tokenizer.VocabSize);
        Assert.Equal(VocabSize - 1, tokenizer.EndOfTextId);
        // The 256 byte tokens come first, in the same order as in GPT-2's vocabulary.
        for (var id = 0; id < 256; id++)
        {
            Assert.Equal(TestData.Gpt2.TokenBytes(id), tokenizer.TokenBytes(id));
        }
        Assert.All(Enumerable.Range(256, VocabSize - 257), id => Assert.True(tokenizer.TokenBytes(id).Length >= 2));
    }

    [Fact]
    public void RoundTripsHeldOutAndRandomText()
    {
        var tokenizer = trained.Value;
        foreach (var text in heldOutText)
        {
            Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text)));
        }
        var random = new Random(3);
        for (var trial = 0; trial < 1000; trial++)
        {
            var text = RandomText.Next(random, random.Next(0, 30));
            Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text)));
        }
    }

    [Fact]
    public void CompressesTextItHasNotSeen()
    {
        var tokenizer = trained.Value;
        var bytes = heldOutText.Sum(t => (long)System.Text.Encoding.UTF8.GetByteCount(t));
        var tokens = heldOutText.Sum(t => (long)tokenizer.Encode(t).Length);
        // 1500 tokens are few for text in 25 languages (GPT-2's 50257 get about 2.3 bytes a token on it).
        Assert.True(bytes > 1.5 * tokens, $"{bytes} bytes became {tokens} tokens");
    }

    [Fact]
    public void SameCorpusGivesTheSameFiles()
    {
        var first = Path.Combine(directory, "first");
        var second = Path.Combine(directory, "second");
        trained.Value.Save(first);
        BpeTokenizer.Train(trainingText, VocabSize).Save(second);

        Assert.Equal(File.ReadAllBytes(Path.Combine(first, "vocab.json")), File.ReadAllBytes(Path.Combine(second, "vocab.json")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(first, "merges.txt")), File.ReadAllBytes(Path.Combine(second, "merges.txt")));
    }

    [Fact]
    public void SavedFilesReloadToIdenticalEncodings()
    {
        trained.Value.Save(directory);
        var reloaded = BpeTokenizer.Load(directory);

        Assert.Equal(trained.Value.VocabSize, reloaded.VocabSize);
        Assert.Equal(trained.Value.EndOfTextId, reloaded.EndOfTextId);
        foreach (var text in heldOutText.Append("a<|endoftext|>b"))
        {
            Assert.Equal(trained.Value.Encode(text), reloaded.Encode(text));
        }
    }

    [Fact]
    public void SavedFilesAreInHuggingFacesFormat()
    {
        trained.Value.Save(directory);

        // vocab.json: a JSON object from token to id, ids 0..n-1, as transformers' GPT2Tokenizer reads it.
        var vocab = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(Path.Combine(directory, "vocab.json")))!;
        Assert.Equal(VocabSize, vocab.Count);
        Assert.Equal(Enumerable.Range(0, VocabSize), vocab.Values.Order());
        Assert.Equal(VocabSize - 1, vocab["<|endoftext|>"]);

        // merges.txt: "#version: 0.2", then "a b" per line; GPT2Tokenizer keeps lines [1:-1] of split("\n").
        var lines = File.ReadAllText(Path.Combine(directory, "merges.txt")).Split('\n');
        Assert.Equal("#version: 0.2", lines[0]);
        Assert.Equal("", lines[^1]);
        var merges = lines[1..^1];
        Assert.True(merges.Length >= VocabSize - 257, $"{merges.Length} merges for {VocabSize - 257} learned tokens");
        Assert.All(merges, line =>
        {
            var pair = line.Split(' ');
            Assert.Equal(2, pair.Length);
            Assert.Contains(pair[0], vocab.Keys);
            Assert.Contains(pair[1], vocab.Keys);
            Assert.Contains(pair[0] + pair[1], vocab.Keys);
        });
    }

    [Fact]
    public void TrainsAnEightThousandTokenVocabularyInSeconds()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var tokenizer = BpeTokenizer.Train(corpus, 8000);
        Assert.Equal(8000, tokenizer.VocabSize);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"training on {corpus.Count} texts took {watch.Elapsed}");
    }

    [Fact]
    public void EndOfTextInTheCorpusSeparatesDocumentsAndIsNeverLearned()
    {
        var tokenizer = BpeTokenizer.Train(Enumerable.Repeat("ab<|endoftext|>ab<|endoftext|>", 50), 258);

        // The one merge is "a"+"b"; nothing was learned from the characters of <|endoftext|>.
        Assert.Equal("ab"u8.ToArray(), tokenizer.TokenBytes(256));
        Assert.Equal([256, tokenizer.EndOfTextId], tokenizer.Encode("ab<|endoftext|>"));
    }

    [Fact]
    public void TooSmallACorpusOrVocabularyIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => BpeTokenizer.Train(["abc"], 1000));
        Assert.Contains("smaller vocabulary", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => BpeTokenizer.Train(["abc"], 256));
        Assert.Equal(257, BpeTokenizer.Train([], 257).VocabSize);
    }
}
