using InstructGpt.Inference.Checkpoints;
using InstructGpt.Safetensors;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Tests.Checkpoints;

/// <summary>
/// Checkpoints written before the move to TorchSharp, by the project's own binding over libtorch 1.13, load unchanged
/// and give the same outputs. Fixtures/legacy-libtorch-1.13 holds an LM and an RM checkpoint that engine wrote, and
/// expected.safetensors the inputs (one full row, one left-padded row) with the logits and rewards it computed.
/// </summary>
public class LegacyCheckpointTests
{
    /// <summary>The acceptance bound for outputs after the engine change.</summary>
    private const double Tolerance = 1e-5;

    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Checkpoints", "Fixtures", "legacy-libtorch-1.13");

    [Fact]
    public void LanguageModelFromTheOldEngineGivesTheSameLogits()
    {
        using var scope = torch.NewDisposeScope();
        using var expected = SafetensorsFile.Open(Path.Combine(Fixtures, "expected.safetensors"));
        using var lm = Checkpoint.Open(Path.Combine(Fixtures, "lm")).LoadLanguageModel(ScalarType.Float32, torch.CPU);
        using var noGrad = torch.no_grad();
        var logits = lm.forward(expected.Load("input_ids"), expected.Load("attention_mask"));
        AssertClose(expected.Load("lm_logits"), logits);
    }

    [Fact]
    public void RewardModelFromTheOldEngineGivesTheSameRewards()
    {
        using var scope = torch.NewDisposeScope();
        using var expected = SafetensorsFile.Open(Path.Combine(Fixtures, "expected.safetensors"));
        using var rm = Checkpoint.Open(Path.Combine(Fixtures, "rm")).LoadRewardModel(ScalarType.Float32, torch.CPU);
        using var noGrad = torch.no_grad();
        var rewards = rm.forward(expected.Load("input_ids"), expected.Load("attention_mask"));
        AssertClose(expected.Load("rm_rewards"), rewards);
    }

    [Fact]
    public void RewrittenCheckpointKeepsTheOldFilesTensorsBitForBit()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"legacy-resave-{Guid.NewGuid():N}");
        try
        {
            var old = Checkpoint.Open(Path.Combine(Fixtures, "lm"));
            using (var lm = old.LoadLanguageModel(ScalarType.Float32, torch.CPU))
                CheckpointWriter.Save(directory, lm, old.Config, old.Metadata!, null);
            using var before = SafetensorsFile.Open(old.WeightsPath);
            using var after = SafetensorsFile.Open(Path.Combine(directory, CheckpointFiles.Weights));
            Assert.Equal(before.Names, after.Names);
            foreach (var name in before.Names)
            {
                using var a = before.Load(name);
                using var b = after.Load(name);
                Assert.True(a.bytes.SequenceEqual(b.bytes), $"{name} changed when the checkpoint was written again");
            }
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    private static void AssertClose(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        var difference = (expected - actual).abs().max().item<float>();
        Assert.True(difference <= Tolerance, $"largest difference {difference:G3} exceeds {Tolerance:G1}");
    }
}
