using System.Text.Json;
using InstructGpt.Inference.Checkpoints;
using InstructGpt.Inference.Model;
using InstructGpt.Inference.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Cli.Tests;

public sealed class GenerateCommandTests : IDisposable
{
    private readonly string checkpoint = Directory.CreateTempSubdirectory("igt-cli-").FullName;

    public GenerateCommandTests()
    {
        var tokenizer = BpeTokenizer.Load(CliProcess.Gpt2Vocabulary);
        using var generator = new Generator(1);
        using var model = new GptLanguageModel(new GptConfig { NLayer = 1, NHead = 2, NEmbd = 16, NPositions = 64 }, generator);
        CheckpointWriter.Save(checkpoint, model, model.Config, new CheckpointMetadata { Stage = "base" }, tokenizer.Save);
    }

    public void Dispose() => Directory.Delete(checkpoint, recursive: true);

    [Fact]
    public void GreedyGenerationIsRepeatableAndJsonHasOpenAIFields()
    {
        string[] args = ["generate", "--model", checkpoint, "--prompt", "Hello", "--prompt", "The", "--max-tokens", "5", "--temperature", "0", "--logprobs", "2", "--json", "--device", "cpu"];
        var first = CliProcess.Run(null, args);
        Assert.True(first.exitCode == 0, first.stderr);
        Assert.Equal(first.stdout, CliProcess.Run(null, args).stdout);
        using var json = JsonDocument.Parse(first.stdout);
        Assert.Equal(2, json.RootElement.GetArrayLength());
        var choice = json.RootElement[0];
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(5, choice.GetProperty("logprobs").GetArrayLength());
    }

    [Fact]
    public void AnOutOfRangeOptionIsRejectedWithItsName()
    {
        var (exit, _, stderr) = CliProcess.Run(null, "generate", "--model", checkpoint, "--prompt", "Hi", "--top-p", "1.5");
        Assert.Equal(2, exit);
        Assert.Contains("top_p", stderr);
    }

    [Fact]
    public void ACudaDeviceGeneratesWhereLibtorchHasCudaAndIsAUsageErrorWhereNot()
    {
        var (exit, stdout, stderr) = CliProcess.Run(null, "generate", "--model", checkpoint, "--prompt", "Hi", "--max-tokens", "2", "--temperature", "0", "--device", "cuda", "--dtype", "bfloat16");
        if (torch.cuda.is_available())
        {
            Assert.True(exit == 0, stderr);
            Assert.False(string.IsNullOrWhiteSpace(stdout));
        }
        else
        {
            Assert.Equal(2, exit);
            Assert.Contains("--device cuda: CUDA is not available", stderr);
        }
    }

    [Fact]
    public void AMissingCheckpointIsReportedNotThrown()
    {
        var (exit, _, stderr) = CliProcess.Run(null, "generate", "--model", Path.Combine(checkpoint, "nope"), "--prompt", "Hi");
        Assert.Equal(2, exit);
        Assert.Contains("does not exist", stderr);
    }
}
