using InstructGpt.Inference.Model;
using InstructGpt.Training.Runs;
using InstructGpt.Training.Stages;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Training.Tests.Stages;

/// <summary>A loss that turns NaN or infinite stops the stage with a clear error, and nothing good on disk is replaced.</summary>
public sealed class DivergenceTests : IDisposable
{
    private static readonly GptConfig Micro = new() { NLayer = 2, NHead = 2, NEmbd = 32, NPositions = 48, VocabSize = 97, EosTokenId = 96, BosTokenId = 96 };
    private readonly string root = Directory.CreateTempSubdirectory("igt-diverge-").FullName;
    private readonly CharTokenizer tokenizer = new();

    public void Dispose() => Directory.Delete(root, recursive: true);

    private StageOutcome Sft(double learningRate, int checkpointEvery)
    {
        var options = new StageOptions { OutputDirectory = Path.Combine(root, "sft"), Seed = 2, Device = torch.CPU, CheckpointEvery = checkpointEvery, Resume = false };
        using var generator = new torch.Generator(3);
        using var model = new GptLanguageModel(Micro, generator);
        return SftStage.Run(model, tokenizer, SyntheticTask.Demonstrations(64, 0), SyntheticTask.Demonstrations(16, 1),
            new SftSettings { Epochs = 2, BatchSize = 8, LearningRate = learningRate, ValidateEvery = 100 }, options);
    }

    [Fact]
    public void AnExplodingRunStopsNamingTheStageStepAndQuantityAndKeepsThePublishedCheckpoint()
    {
        Sft(1e-3, checkpointEvery: 100);
        var published = File.ReadAllBytes(Path.Combine(root, "sft", "model.safetensors"));

        // An absurd learning rate sends the weights to ±1e20 after one AdamW step; the next forward overflows.
        var error = Assert.Throws<TrainingDivergedException>(() => Sft(1e20, checkpointEvery: 1));
        Assert.StartsWith("sft: ", error.Message);
        Assert.Matches(@"(loss|gradient norm) became (NaN|∞|-∞|Infinity|-Infinity) at step \d+", error.Message);
        Assert.True(error.Step >= 1, $"diverged at step {error.Step}");
        Assert.Equal(published, File.ReadAllBytes(Path.Combine(root, "sft", "model.safetensors")));
    }
}
