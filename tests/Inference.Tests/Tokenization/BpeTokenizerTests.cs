using System.Text;
using InstructGpt.Inference.Tokenization;

namespace InstructGpt.Inference.Tests.Tokenization;

public class BpeTokenizerTests
{
    private static BpeTokenizer Gpt2 => TestData.Gpt2;

    [Fact]
    public void Gpt2VocabularyHasItsKnownSizeAndEndOfTextId()
    {
        Assert.Equal(50257, Gpt2.VocabSize);
        Assert.Equal(50256, Gpt2.EndOfTextId);
    }

    // Ids as GPT-2's encoder.py and tiktoken's r50k_base give them.
    public static TheoryData<string, int[]> KnownIds => new()
    {
        { "Hello world", [15496, 995] },
        { " Hello", [18435] },
        { "The quick brown fox jumps over the lazy dog.", [464, 2068, 7586, 21831, 18045, 625, 262, 16931, 3290, 13] },
        { "é", [2634] },
        { "😀", [47249, 222] },
        { "<|endoftext|>", [50256] },
        { "a<|endoftext|>b", [64, 50256, 65] },
        { "", [] },
    };

    [Theory]
    [MemberData(nameof(KnownIds))]
    public void EncodesToGpt2sKnownIds(string text, int[] expected)
    {
        Assert.Equal(expected, Gpt2.Encode(text));
    }

    [Fact]
    public void WorksAsTheTokenizerThatGenerationUses()
    {
        ITokenizer tokenizer = Gpt2;
        Assert.Equal([15496, 995, 50256], tokenizer.Encode("Hello world<|endoftext|>"));
        Assert.Equal("Hello world", tokenizer.Decode([15496, 995]));
        Assert.Equal((50257, 50256), (tokenizer.VocabSize, tokenizer.EndOfTextId));
    }

    [Fact]
    public void EndOfTextAsPlainTextEncodesLikeOtherText()
    {
        Assert.Equal([27, 91, 437, 1659, 5239, 91, 29], Gpt2.Encode("<|endoftext|>", SpecialTokenHandling.AsPlainText));
        Assert.Equal([64, 27, 91, 437, 1659, 5239, 91, 29, 65], Gpt2.Encode("a<|endoftext|>b", SpecialTokenHandling.AsPlainText));
    }

    [Fact]
    public void DecodeInvertsEncodeOnRandomStrings()
    {
        var random = new Random(12345);
        for (var trial = 0; trial < 3000; trial++)
        {
            var text = trial % 2 == 0 ? RandomText.Next(random, random.Next(0, 30)) : RandomText.NextScalars(random, random.Next(0, 30));
            foreach (var handling in new[] { SpecialTokenHandling.Recognize, SpecialTokenHandling.AsPlainText })
            {
                var ids = Gpt2.Encode(text, handling);
                Assert.Equal(text, Gpt2.Decode(ids));
            }
        }
    }

    [Fact]
    public void DecodeBytesGivesBackTheUtf8OfRandomStrings()
    {
        var random = new Random(54321);
        for (var trial = 0; trial < 3000; trial++)
        {
            // Valid UTF-8 byte strings are exactly the ones a string can represent; build them from random scalars.
            var bytes = Encoding.UTF8.GetBytes(RandomText.NextScalars(random, random.Next(0, 30)));
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);

            var ids = Gpt2.Encode(text);

            Assert.Equal(bytes, Gpt2.DecodeBytes(ids));
            Assert.Equal(bytes, ids.SelectMany(Gpt2.TokenBytes).ToArray());
        }
    }

    [Fact]
    public void LoneSurrogatesEncodeAsTheReplacementCharacter()
    {
        var ids = Gpt2.Encode("a\uD800b\uDC00");
        Assert.Equal("a\uFFFDb\uFFFD", Gpt2.Decode(ids));
    }

    // Expected strings from Python: bytes.decode("utf-8", errors="replace"), which Hugging Face uses.
    [Theory]
    [InlineData(new byte[] { 0xE2, 0x82 }, "\uFFFD")]
    [InlineData(new byte[] { 0xF0, 0x80, (byte)'a', (byte)'b', (byte)'c' }, "\uFFFD\uFFFDabc")]
    [InlineData(new byte[] { 0xFF }, "\uFFFD")]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, "\uFFFD\uFFFD\uFFFD")]
    [InlineData(new byte[] { (byte)'a', 0xC3 }, "a\uFFFD")]
    [InlineData(new byte[] { 0xE2, 0x82, 0xAC, (byte)'x', 0x80 }, "€x\uFFFD")]
    public void DecodeReplacesInvalidUtf8AsPythonDoes(byte[] bytes, string expected)
    {
        var ids = bytes.Select(IdOfByte).ToArray();
        Assert.Equal(bytes, Gpt2.DecodeBytes(ids));
        Assert.Equal(expected, Gpt2.Decode(ids));
    }

    [Fact]
    public void TokenBytesGivesTheRawBytesOfOneToken()
    {
        var emoji = Gpt2.Encode("😀"); // F0 9F 98 80, split across two tokens
        Assert.Equal(new byte[] { 0xF0, 0x9F, 0x98, 0x80 }, emoji.SelectMany(Gpt2.TokenBytes).ToArray());
        Assert.Equal(" Hello"u8.ToArray(), Gpt2.TokenBytes(18435));
        Assert.Equal("<|endoftext|>"u8.ToArray(), Gpt2.TokenBytes(Gpt2.EndOfTextId));

        Gpt2.TokenBytes(18435)[0] = (byte)'X'; // a copy: callers cannot change the vocabulary
        Assert.Equal(" Hello"u8.ToArray(), Gpt2.TokenBytes(18435));
    }

    [Fact]
    public void OutOfRangeIdsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Gpt2.TokenBytes(50257));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gpt2.TokenBytes(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gpt2.Decode([15496, 60000]));
    }

    [Fact]
    public void EncodingFromManyThreadsGivesTheSameIdsAsOneThread()
    {
        var texts = TestData.ReadJsonLines(Path.Combine(TestData.CorpusDirectory, "real-text.jsonl")).Take(3000).ToList();
        var fresh = BpeTokenizer.Load(TestData.Gpt2Directory); // an empty cache, filled from all threads at once
        var parallel = new int[texts.Count][];
        Parallel.For(0, texts.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = fresh.Encode(texts[i]));

        for (var i = 0; i < texts.Count; i++)
        {
            Assert.Equal(Gpt2.Encode(texts[i]), parallel[i]);
        }
    }

    [Fact]
    public void LongPiecesEncodeInLinearishTime()
    {
        // One piece each. GPT-2's encoder.py rescans the whole piece after every merge; on 100k random letters that
        // is thousands of merges times 100k pairs, minutes rather than the tenth of a second it takes here.
        var random = new Random(5);
        string[] pieces =
        [
            new string(Enumerable.Range(0, 100_000).Select(_ => (char)('a' + random.Next(26))).ToArray()),
            new string('a', 100_000),
            new string(' ', 100_000),
        ];
        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (var piece in pieces)
        {
            Assert.Equal(piece, Gpt2.Decode(Gpt2.Encode(piece)));
        }
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"three 100 kB pieces took {watch.Elapsed}");
    }

    private static int IdOfByte(byte value) =>
        Enumerable.Range(0, 256).Single(id => Gpt2.TokenBytes(id) is [var b] && b == value);
}
