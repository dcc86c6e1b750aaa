using InstructGpt.Inference.Checkpoints;
using InstructGpt.Inference.Generation;
using InstructGpt.Inference.Model;
using InstructGpt.Training.Runs;
using InstructGpt.Training.Stages;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Training.Tests.Stages;

/// <summary>Every stage on a synthetic task with a character model: each lowers its own loss, and PPO raises the reward.</summary>
public sealed class StageIntegrationTests : IDisposable
{
    private static readonly GptConfig Micro = new() { NLayer = 2, NHead = 2, NEmbd = 48, NPositions = 48, VocabSize = 97, EosTokenId = 96, BosTokenId = 96 };
    private readonly string root = Directory.CreateTempSubdirectory("igt-stages-").FullName;
    private readonly CharTokenizer tokenizer = new();

    public void Dispose() { if (Environment.GetEnvironmentVariable("IGT_KEEP_TEST_DIR") is null) Directory.Delete(root, recursive: true); }

    private StageOptions Options(string name) => new() { OutputDirectory = Path.Combine(root, name), Seed = 5, Device = torch.CPU, CheckpointEvery = 1000 };

    [Fact]
    public void SftThenRmThenPpoImproveTheirObjectives()
    {
        // SFT from a random init.
        using var generator = new torch.Generator(1);
        using (var model = new GptLanguageModel(Micro with { ResidPdrop = 0.0, EmbdPdrop = 0, AttnPdrop = 0 }, generator))
        {
            var sft = SftStage.Run(model, tokenizer, SyntheticTask.Demonstrations(200, 0), SyntheticTask.Demonstrations(40, 1),
                new SftSettings { Epochs = 4, BatchSize = 16, LearningRate = 2e-3, ValidateEvery = 20 }, Options("sft"));
            var losses = MetricsLog.Read(Path.Combine(Options("sft").RunPath, MetricsLog.FileName)).Select(l => l["loss"].GetDouble()).ToList();
            Assert.True(losses.TakeLast(5).Average() < losses.Take(5).Average() * 0.7, $"SFT loss {losses.Take(5).Average()} → {losses.TakeLast(5).Average()}");
        }

        // RM from SFT.
        var sftCheckpoint = Checkpoint.Open(Path.Combine(root, "sft"));
        using (var rm = sftCheckpoint.LoadRewardModel(ScalarType.Float32, torch.CPU, generator))
        {
            var outcome = RewardModelStage.Run(rm, tokenizer, SyntheticTask.Comparisons(256, 2), SyntheticTask.Comparisons(64, 3), SyntheticTask.Demonstrations(40, 4),
                new RewardModelSettings { BatchPrompts = 16, LearningRate = 1e-3, Epochs = 2, ValidateEvery = 8 }, Options("rm"));
            Assert.True(outcome.Metrics["valid_accuracy"] > 0.6, $"RM validation accuracy {outcome.Metrics["valid_accuracy"]}");
        }

        // PPO from SFT and RM.
        var rmCheckpoint = Checkpoint.Open(Path.Combine(root, "rm"));
        var heldOut = SyntheticTask.Prompts(32, 9);
        double before;
        using (var sftModel = sftCheckpoint.LoadLanguageModel(ScalarType.Float32, torch.CPU))
        using (var reward = rmCheckpoint.LoadRewardModel(ScalarType.Float32, torch.CPU))
            before = MeanReward(sftModel, reward, heldOut);
        var models = new PpoModels(sftCheckpoint.LoadLanguageModel(dropout: 0), rmCheckpoint.LoadValueModel(dropout: 0),
            sftCheckpoint.LoadLanguageModel(dropout: 0), rmCheckpoint.LoadRewardModel(dropout: 0));
        using (models)
        {
            var ppo = PpoStage.Run("ppo", models, tokenizer, SyntheticTask.Prompts(256, 0), [],
                new PpoSettings { Episodes = 32 * 20, BatchSize = 32, MinibatchSize = 16, LearningRate = 1e-3, ValueLearningRate = 1e-3, WarmupIterations = 2, MaxPromptTokens = 16, MaxResponseTokens = 8 },
                Options("ppo"));
            var after = MeanReward(models.Policy, models.Reward, heldOut);
            Console.WriteLine($"mean RM reward on held-out prompts: SFT {before}, PPO {after}");
            Assert.True(after > before, $"mean RM reward on held-out prompts: SFT {before}, PPO {after}");
            Assert.True(ppo.Metrics["kl"] < 10, $"KL {ppo.Metrics["kl"]}");
        }
    }

    private double MeanReward(GptLanguageModel policy, GptRewardModel reward, IReadOnlyList<string> prompts)
    {
        // Unseeded rows draw independently from the global generator (seeded here for a repeatable test). A request seed
        // would give every prompt's k-th sample the same random stream, so the 128 samples would hold about 4
        // independent draws of a nearly prompt-blind micro model, and the mean would swing by several reward units.
        torch.manual_seed(3);
        var samples = new CompletionGenerator(policy, tokenizer).Generate(prompts.Select(InstructionFormat.Query).ToList(), new SamplingOptions { MaxTokens = 8, Temperature = 1, N = 4 });
        var scores = RewardModelStage.Score(reward, tokenizer, samples.Select(s => (prompts[s.PromptIndex], s.Text)).ToList(), 48, 32, torch.CPU);
        return scores.Average();
    }
}
