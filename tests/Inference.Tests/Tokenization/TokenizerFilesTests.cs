using System.Text;
using System.Text.Json;
using InstructGpt.Inference.Tokenization;

namespace InstructGpt.Inference.Tests.Tokenization;

/// <summary>Reading and writing vocab.json (VocabFile) and merges.txt (MergesFile), good and bad.</summary>
public sealed class TokenizerFilesTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("bpe-files-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string VocabPath => Path.Combine(directory, "vocab.json");

    private string MergesPath => Path.Combine(directory, "merges.txt");

    [Fact]
    public void SavingGpt2WritesItsMergesByteForByteAndTheSameVocabulary()
    {
        TestData.Gpt2.Save(directory);

        Assert.Equal(File.ReadAllBytes(Path.Combine(TestData.Gpt2Directory, "merges.txt")), File.ReadAllBytes(MergesPath));
        Assert.Equal(ReadVocabJson(Path.Combine(TestData.Gpt2Directory, "vocab.json")), ReadVocabJson(VocabPath));
        Assert.Equal(["merges.txt", "vocab.json"], Directory.GetFiles(directory).Select(Path.GetFileName).Order()); // no temporary files left
        Assert.Equal(TestData.Gpt2.Encode("Saved and loaded"), BpeTokenizer.Load(directory).Encode("Saved and loaded"));
    }

    [Fact]
    public void SavingReplacesExistingFiles()
    {
        File.WriteAllText(VocabPath, "old");
        File.WriteAllText(MergesPath, "old");
        TestData.Gpt2.Save(directory);
        Assert.Equal(50257, BpeTokenizer.Load(directory).VocabSize);
    }

    [Fact]
    public void SmallHandWrittenFilesLoad()
    {
        WriteFiles(SmallVocab(), "#version: 0.2\nĠ t\nh e\nĠt he\n");
        var tokenizer = BpeTokenizer.Load(directory);
        Assert.Equal(260, tokenizer.VocabSize);
        Assert.Equal(259, tokenizer.EndOfTextId);
        Assert.Equal([258], tokenizer.Encode(" the"));
        Assert.Equal([256, 71], tokenizer.Encode(" th")); // 71 is "h"
    }

    [Fact]
    public void MergesWithoutVersionLineOrWithWindowsLineEndsLoad()
    {
        WriteFiles(SmallVocab(), "Ġ t\r\nh e\r\nĠt he\r\n");
        Assert.Equal([258], BpeTokenizer.Load(directory).Encode(" the"));
    }

    [Fact]
    public void InvalidJsonNamesTheFileAndLine()
    {
        var vocab = SmallVocab();
        var secondLine = vocab.IndexOf('\n') + 1;
        WriteFiles(vocab[..secondLine] + "  \"oops\" 7,\n" + vocab[secondLine..], "#version: 0.2\n");

        var error = LoadError();
        Assert.Equal(VocabPath, error.FilePath);
        Assert.Equal(2, error.LineNumber);
        Assert.StartsWith($"{VocabPath}:2: not valid JSON", error.Message);
    }

    [Theory]
    [InlineData("\"x\": \"seven\"", "must be a non-negative integer")]
    [InlineData("\"x\": -1", "must be a non-negative integer")]
    [InlineData("\"x\": 1.5", "must be a non-negative integer")]
    [InlineData("\"!\": 300", "appears twice")]
    [InlineData("\"xy\": 0", "have the same id 0")]
    [InlineData("\"a b\": 300", "not in GPT-2's byte-level alphabet")]
    public void BadVocabularyEntriesNameTheFileAndLine(string entry, string problem)
    {
        var vocab = SmallVocab();
        var lineThree = IndexOfLine(vocab, 3);
        WriteFiles(vocab[..lineThree] + "  " + entry + ",\n" + vocab[lineThree..], "#version: 0.2\n");

        var error = LoadError();
        Assert.Equal(3, error.LineNumber);
        Assert.StartsWith($"{VocabPath}:3: ", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Theory]
    [InlineData("[1, 2]", "expected a JSON object")]
    [InlineData("{\"!\": 0, \"\\\"\": 2}", "no token has the id 1")]
    [InlineData("{\"!\": 0}", "no token stands for the byte")]
    public void BadVocabulariesNameTheFile(string vocab, string problem)
    {
        WriteFiles(vocab, "#version: 0.2\n");
        var error = LoadError();
        Assert.StartsWith(VocabPath, error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void VocabularyWithoutEndOfTextIsRejected()
    {
        WriteFiles(SmallVocab(lastToken: "Ġthe!"), "#version: 0.2\n");
        Assert.Contains("has no <|endoftext|>", LoadError().Message);
    }

    [Theory]
    [InlineData("Ġ t\nĠt h e\n", 3, "found 3")]
    [InlineData("Ġ t\nĠt\n", 3, "found 1")]
    [InlineData("Ġ t\nĠt  he\n", 3, "two tokens separated by one space")]
    [InlineData("Ġ t\n\nĠt he\n", 3, "found 0")]
    [InlineData("Ġ t\nĠt qq\n", 3, "the token \"qq\" is not in the vocabulary")]
    [InlineData("Ġ t\nt he\n", 3, "makes \"the\", which is not in the vocabulary")]
    [InlineData("Ġ t\nĠt he\nĠ t\n", 4, "appears twice")]
    public void BadMergeLinesNameTheFileAndLine(string merges, int line, string problem)
    {
        WriteFiles(SmallVocab(), "#version: 0.2\n" + merges);

        var error = LoadError();
        Assert.Equal(MergesPath, error.FilePath);
        Assert.Equal(line, error.LineNumber);
        Assert.StartsWith($"{MergesPath}:{line}: ", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void MissingFilesSayWhichFile()
    {
        var error = Assert.Throws<FileNotFoundException>(() => BpeTokenizer.Load(directory));
        Assert.Contains("vocab.json", error.Message);
    }

    private TokenizerFileException LoadError() => Assert.Throws<TokenizerFileException>(() => BpeTokenizer.Load(directory));

    private void WriteFiles(string vocab, string merges)
    {
        File.WriteAllText(VocabPath, vocab, new UTF8Encoding(false));
        File.WriteAllText(MergesPath, merges, new UTF8Encoding(false));
    }

    /// <summary>GPT-2's 256 byte tokens, then "Ġt" (256), "he", "Ġthe" and "&lt;|endoftext|&gt;" (259), one entry per line.</summary>
    private static string SmallVocab(string lastToken = "<|endoftext|>")
    {
        var tokens = Enumerable.Range(0, 256).Select(id => ByteLevelAlphabet.ToText(TestData.Gpt2.TokenBytes(id)))
            .Concat(["Ġt", "he", "Ġthe", lastToken]).ToList();
        var json = new StringBuilder("{\n");
        for (var id = 0; id < tokens.Count; id++)
        {
            json.Append("  ").Append(JsonSerializer.Serialize(tokens[id])).Append(": ").Append(id).Append(id + 1 < tokens.Count ? ",\n" : "\n");
        }
        return json.Append("}\n").ToString();
    }

    private static int IndexOfLine(string text, int lineNumber)
    {
        var index = 0;
        for (var line = 1; line < lineNumber; line++)
        {
            index = text.IndexOf('\n', index) + 1;
        }
        return index;
    }

    private static Dictionary<string, int> ReadVocabJson(string path) =>
        JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(path))!;
}
