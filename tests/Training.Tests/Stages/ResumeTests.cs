using InstructGpt.Inference.Checkpoints;
using InstructGpt.Inference.Model;
using InstructGpt.Training.Runs;
using InstructGpt.Training.Stages;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Training.Tests.Stages;

/// <summary>A run stopped part-way and resumed ends exactly where an uninterrupted run with the same seed ends.</summary>
public sealed class ResumeTests : IDisposable
{
    private static readonly GptConfig Micro = new() { NLayer = 2, NHead = 2, NEmbd = 32, NPositions = 48, VocabSize = 97, EosTokenId = 96, BosTokenId = 96, ResidPdrop = 0.2 };
    private readonly string root = Directory.CreateTempSubdirectory("igt-resume-").FullName;
    private readonly CharTokenizer tokenizer = new();

    public void Dispose() => Directory.Delete(root, recursive: true);

    /// <summary>Cancels the stage after it reports <paramref name="stopAfter"/> steps.</summary>
    private sealed class StopAfter(int stopAfter, CancellationTokenSource source) : IProgress<StageProgress>
    {
        public void Report(StageProgress value)
        {
            if (value.Step == stopAfter) source.Cancel();
        }
    }

    private StageOutcome Sft(string name, int? stopAfter)
    {
        using var source = new CancellationTokenSource();
        var options = new StageOptions
        {
            OutputDirectory = Path.Combine(root, name), Seed = 9, Device = torch.CPU, CheckpointEvery = 4,
            Progress = stopAfter is { } n ? new StopAfter(n, source) : null, Cancellation = source.Token,
        };
        using var generator = new torch.Generator(3);
        torch.manual_seed(1234); // dropout's stream; a resumed run must restore it from the saved state
        using var model = new GptLanguageModel(Micro, generator);
        return SftStage.Run(model, tokenizer, SyntheticTask.Demonstrations(96, 0), SyntheticTask.Demonstrations(16, 1),
            new SftSettings { Epochs = 2, BatchSize = 8, LearningRate = 2e-3, ValidateEvery = 5 }, options);
    }

    [Fact]
    public void SftResumedAfterCancellationMatchesAnUninterruptedRun()
    {
        var uninterrupted = Sft("straight", null);
        Assert.Throws<OperationCanceledException>(() => Sft("interrupted", 10));
        Assert.False(Directory.Exists(Path.Combine(root, "interrupted")), "no checkpoint before the stage completes");
        // Dropout's global stream is deliberately disturbed: the saved state must restore it.
        torch.manual_seed(999);
        var resumed = Sft("interrupted", null);
        Assert.Equal(uninterrupted.Metrics["valid_loss"], resumed.Metrics["valid_loss"], 6);
        Assert.Equal(uninterrupted.Metrics["loss"], resumed.Metrics["loss"], 6);
        var a = MetricsLog.Read(Path.Combine(root, "straight.run", MetricsLog.FileName)).Select(l => l["loss"].GetDouble()).ToList();
        var b = MetricsLog.Read(Path.Combine(root, "interrupted.run", MetricsLog.FileName)).Select(l => l["loss"].GetDouble()).ToList();
        Assert.Equal(a.Count, b.Count);
        for (var i = 0; i < a.Count; i++) Assert.Equal(a[i], b[i], 6);
    }

    private StageOutcome Ppo(string name, string sft, string rm, int? stopAfter)
    {
        using var source = new CancellationTokenSource();
        var options = new StageOptions
        {
            OutputDirectory = Path.Combine(root, name), Seed = 4, Device = torch.CPU, CheckpointEvery = 2,
            Progress = stopAfter is { } n ? new StopAfter(n, source) : null, Cancellation = source.Token,
        };
        var s = Checkpoint.Open(sft);
        var r = Checkpoint.Open(rm);
        using var models = new PpoModels(s.LoadLanguageModel(dropout: 0), r.LoadValueModel(dropout: 0), s.LoadLanguageModel(dropout: 0), r.LoadRewardModel(dropout: 0));
        return PpoStage.Run("ppo-ptx", models, tokenizer, SyntheticTask.Prompts(64, 0), SyntheticTask.Demonstrations(64, 2).Select(d => d.Prompt + d.Completion).ToList(),
            new PpoSettings
            {
                Episodes = 16 * 6, BatchSize = 16, MinibatchSize = 8, LearningRate = 5e-4, ValueLearningRate = 1e-3, WarmupIterations = 2,
                MaxPromptTokens = 16, MaxResponseTokens = 6, PtxCoefficient = 1.0, PtxBatchSize = 4, PtxBlockSize = 16
            }, options);
    }

    [Fact]
    public void PpoResumedAfterCancellationMatchesAnUninterruptedRun()
    {
        Sft("sft", null);
        using (var generator = new torch.Generator(5))
        using (var rm = Checkpoint.Open(Path.Combine(root, "sft")).LoadRewardModel(ScalarType.Float32, torch.CPU, generator))
            RewardModelStage.Run(rm, tokenizer, SyntheticTask.Comparisons(32, 2), [], [], new RewardModelSettings { BatchPrompts = 8, LearningRate = 1e-3 },
                new StageOptions { OutputDirectory = Path.Combine(root, "rm"), Seed = 2 });
        var sft = Path.Combine(root, "sft");
        var rmDir = Path.Combine(root, "rm");
        var uninterrupted = Ppo("ppo-straight", sft, rmDir, null);
        Assert.Throws<OperationCanceledException>(() => Ppo("ppo-interrupted", sft, rmDir, 3));
        var resumed = Ppo("ppo-interrupted", sft, rmDir, null);
        foreach (var key in new[] { "reward_mean", "kl", "policy_loss", "value_loss", "ptx_loss" })
            Assert.Equal(uninterrupted.Metrics[key], resumed.Metrics[key], 6);
    }
}
