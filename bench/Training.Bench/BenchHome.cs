using InstructGpt.Inference.Tokenization;
using InstructGpt.Training.Pipeline;
using InstructGpt.Training.World;

namespace InstructGpt.Training.Bench;

/// <summary>
/// The benchmark's working directory, laid out as a pipeline home (data/, tokenizer/) so the datasets load through
/// <see cref="PipelineData"/> exactly as the pipeline reads them, plus what the peer reads: each workload's batches
/// (batches-WORKLOAD.safetensors) and its same-function check (check-WORKLOAD/).
/// </summary>
internal sealed class BenchHome(string directory)
{
    /// <summary>The world's seed; the committed eval-sets use the same one.</summary>
    public const long WorldSeed = WorldBuildOptions.DefaultSeed;

    public PipelineLayout Layout { get; } = new(directory);
    public string Directory => Layout.Home;

    public string BatchesFile(string workload) => Path.Combine(Directory, $"batches-{workload}.safetensors");
    public string CheckDirectory(string workload) => Path.Combine(Directory, $"check-{workload}");
    public string RunDirectory(string workload) => Path.Combine(Directory, $"run-{workload}");

    /// <summary>Builds the default world (as `instructgpt data build` does) and trains the tiny preset's tokenizer on its pretraining text, as the pipeline does.</summary>
    public void BuildWorldAndTokenizer()
    {
        WorldBuilder.Build(new WorldBuildOptions { Seed = WorldSeed, Size = TrainingPresets.Tiny.World, OutputDirectory = Layout.Data });
        var vocabulary = TrainingPresets.Tiny.TokenizerVocabulary ?? throw new InvalidOperationException("the tiny preset names no tokenizer size");
        BpeTokenizer.Train(PipelineData.Load(Layout).PretrainTrain, vocabulary).Save(Layout.Tokenizer);
    }

    public PipelineData LoadData() => PipelineData.Load(Layout);

    public BpeTokenizer LoadTokenizer() => BpeTokenizer.Load(Layout.Tokenizer);
}
