using InstructGpt.Inference.Checkpoints;
using InstructGpt.Inference.Model;
using InstructGpt.Inference.Tokenization;
using static TorchSharp.torch;

namespace InstructGpt.Api.Bench;

/// <summary>
/// The served model: the tiny preset with a 256-token context and a 4,096-token BPE vocabulary, randomly
/// initialised (throughput does not depend on what the weights say), written with CheckpointWriter into
/// <c>HOME/checkpoints/bench</c> as training would publish it.
/// </summary>
public static class BenchModel
{
    public const string Name = "bench";
    public const int VocabularySize = 4096;
    public const int Context = 256;

    /// <param name="tokenizerDirectory">vocab.json and merges.txt to use; null trains a vocabulary on <paramref name="corpusDirectory"/>'s text.</param>
    public static GptConfig Write(string home, string? tokenizerDirectory, string corpusDirectory, ulong seed)
    {
        var tokenizer = tokenizerDirectory is not null ? BpeTokenizer.Load(tokenizerDirectory) : BpeTokenizer.Train(Corpus(corpusDirectory), VocabularySize);
        var config = GptPresets.Get("tiny") with
        {
            NPositions = Context,
            VocabSize = tokenizer.VocabSize,
            EosTokenId = tokenizer.EndOfTextId,
            BosTokenId = tokenizer.EndOfTextId,
            ResidPdrop = 0,
            EmbdPdrop = 0,
            AttnPdrop = 0,
        };
        using var generator = new Generator(seed);
        using var model = new GptLanguageModel(config, generator);
        CheckpointWriter.Save(Path.Combine(home, "checkpoints", Name), model, config,
            new CheckpointMetadata { Stage = "random", Seed = (long)seed }, tokenizer.Save);
        return config;
    }

    /// <summary>The repository's documentation and source: about a megabyte of English and code, enough for 4,096 tokens.</summary>
    private static IEnumerable<string> Corpus(string directory) =>
        Directory.EnumerateFiles(directory, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".md", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                        && !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/node_modules/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText);
}
