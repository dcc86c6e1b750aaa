using InstructGpt.Inference.Checkpoints;
using InstructGpt.Inference.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Api.Tests.Fixtures;

/// <summary>Tiny randomly initialised checkpoints, written the way training publishes them.</summary>
public static class TestCheckpoints
{
    /// <summary>Two layers, 64 wide, a byte-level vocabulary: each decode step takes about a millisecond on a CPU core.</summary>
    public static readonly GptConfig Config = new()
    {
        NLayer = 2, NHead = 2, NEmbd = 64, NPositions = 512, VocabSize = 257,
        EosTokenId = ByteTokenizer.EndOfText, BosTokenId = ByteTokenizer.EndOfText,
        ResidPdrop = 0, EmbdPdrop = 0, AttnPdrop = 0,
        // Wider than GPT-2's 0.02 so that the random model's logits are far apart and greedy choices are unambiguous.
        InitializerRange = 0.2,
    };

    /// <summary>A reward model (a score head on the same tiny transformer), written as the RM stage publishes one.</summary>
    public static void WriteRewardModel(string checkpointsDirectory, string name, string? parent, ulong seed)
    {
        using var generator = new Generator(seed);
        using var model = new GptRewardModel(Config, generator);
        CheckpointWriter.Save(Path.Combine(checkpointsDirectory, name), model, Config,
            new CheckpointMetadata { Stage = "rm", Parent = parent, Seed = (long)seed }, ByteTokenizer.WriteFiles);
    }

    public static void Write(string checkpointsDirectory, string name, string stage, string? parent, ulong seed, GptConfig? config = null)
    {
        using var generator = new Generator(seed);
        using var model = new GptLanguageModel(config ?? Config, generator);
        CheckpointWriter.Save(Path.Combine(checkpointsDirectory, name), model, config ?? Config,
            new CheckpointMetadata { Stage = stage, Parent = parent, Seed = (long)seed }, ByteTokenizer.WriteFiles);
    }
}
