using InstructGpt.Api.Tests.Fixtures;
using InstructGpt.Inference.Checkpoints;
using InstructGpt.Inference.Tokenization;
using InstructGpt.Tests.Shared;
using InstructGpt.Training.Data;
using InstructGpt.Training.Runs;
using InstructGpt.Training.Stages;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Api.Tests.Feedback;

/// <summary>
/// Comparisons collected over HTTP train the reward model: the export, read by the RM stage's own reader, runs
/// RewardModelStage from the micro pipeline's SFT checkpoint (as the pipeline does) and publishes an RM checkpoint.
/// </summary>
public sealed class ExportTrainsRewardModelTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("instructgpt-rm-export-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Fact]
    public async Task ExportedComparisonsTrainTheRewardModelFromSft()
    {
        var sft = MicroPipelineHome.Checkpoint("sft");
        using var api = new ApiFactory();
        var client = api.CreateAuthorizedClient();
        string[] subjects = ["rain", "bread", "a river", "the moon", "a garden", "winter", "a library", "the sea"];
        foreach (var (subject, i) in subjects.Select((s, i) => (s, i)))
        {
            string[] outputs = [$"{subject} is", $"A short note about {subject}.", $"Here is a clear explanation of {subject}.", "no"];
            await Json.PostAsync(client, "/v1/feedback/comparisons",
                new { prompt = $"Explain {subject}.\n", outputs, ranking = new[] { 2, 1, 0, 3 }, ranks = i % 2 == 0 ? null : new[] { 1, 2, 2, 4 } }, 201);
        }
        var path = Path.Combine(scratch, "comparisons.jsonl");
        await File.WriteAllBytesAsync(path, await client.GetByteArrayAsync("/v1/feedback/comparisons/export"));

        var train = ComparisonDataset.Read(path);
        Assert.Equal(subjects.Length, train.Count);
        var tokenizer = BpeTokenizer.Load(sft);
        using var generator = new Generator(3);
        using var rm = Checkpoint.Open(sft).LoadRewardModel(ScalarType.Float32, torch.CPU, generator);
        var output = Path.Combine(scratch, "rm");
        var outcome = RewardModelStage.Run(rm, tokenizer, train, train, [], new RewardModelSettings { BatchPrompts = 4, LearningRate = 1e-3, MaxLength = 64 },
            new StageOptions { OutputDirectory = output, Seed = 1, Device = torch.CPU, Parent = sft, WriteTokenizer = tokenizer.Save });

        Assert.Equal(2, outcome.Steps); // 8 prompts, 4 a batch, 1 epoch (InstructGPT §3.5)
        Assert.True(double.IsFinite(outcome.Metrics["loss"]), $"loss {outcome.Metrics["loss"]}");
        Assert.InRange(outcome.Metrics["valid_accuracy"], 0, 1);
        var checkpoint = Checkpoint.Open(output);
        Assert.Equal("rm", checkpoint.Metadata!.Stage);
    }
}
