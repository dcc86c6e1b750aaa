namespace InstructGpt.Inference.Model;

/// <summary>
/// Named model sizes. small…xl are GPT-2's (Radford et al., 2019, Table 2) with its 50,257-token
/// vocabulary. micro and tiny are this project's CPU sizes and use their own, smaller BPE vocabularies
/// (the vocabulary size given here is the tokenizer training target).
/// </summary>
public static class GptPresets
{
    public static readonly IReadOnlyDictionary<string, GptConfig> All = new Dictionary<string, GptConfig>(StringComparer.OrdinalIgnoreCase)
    {
        // Every stage runs in seconds on 2 CPU cores; used by the tests.
        ["micro"] = new() { NLayer = 2, NHead = 2, NEmbd = 64, NPositions = 256, VocabSize = 1024, EosTokenId = 1023, BosTokenId = 1023 },
        // The CPU default: the whole pipeline fits in 30 minutes on 2 cores.
        ["tiny"] = new() { NLayer = 4, NHead = 4, NEmbd = 256, NPositions = 512, VocabSize = 4096, EosTokenId = 4095, BosTokenId = 4095 },
        ["small"] = new() { NLayer = 12, NHead = 12, NEmbd = 768, NPositions = 1024 },   // 124M
        ["medium"] = new() { NLayer = 24, NHead = 16, NEmbd = 1024, NPositions = 1024 }, // 355M
        ["large"] = new() { NLayer = 36, NHead = 20, NEmbd = 1280, NPositions = 1024 },  // 774M
        ["xl"] = new() { NLayer = 48, NHead = 25, NEmbd = 1600, NPositions = 1024 },     // 1.5B
    };

    public static GptConfig Get(string name) =>
        All.TryGetValue(name, out var config)
            ? config
            : throw new ArgumentException($"unknown preset '{name}'; expected one of {string.Join(", ", All.Keys)}");
}
