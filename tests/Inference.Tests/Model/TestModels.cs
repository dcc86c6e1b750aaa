using InstructGpt.Inference.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Tests.Model;

/// <summary>Small randomly initialised models for tests.</summary>
internal static class TestModels
{
    public static readonly GptConfig Micro = new() { NLayer = 2, NHead = 2, NEmbd = 32, NPositions = 64, VocabSize = 97, EosTokenId = 96, BosTokenId = 96 };

    public static GptLanguageModel Language(ulong seed = 1, GptConfig? config = null)
    {
        using var generator = new Generator(seed);
        var model = new GptLanguageModel(config ?? Micro, generator);
        model.eval();
        return model;
    }
}
