using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace InstructGpt.Inference.Model;

/// <summary>GPT-2 with its language-model head tied to the token embeddings (HF's GPT2LMHeadModel).</summary>
public sealed class GptLanguageModel : nn.Module
{
    public readonly GptModel transformer;
    public GptConfig Config => transformer.Config;

    public GptLanguageModel(GptConfig config, Generator? generator = null) : base(nameof(GptLanguageModel))
    {
        transformer = new GptModel(config, generator);
        RegisterComponents();
    }

    /// <summary>Logits [B, T, vocab] for every position.</summary>
    public Tensor forward(Tensor inputIds, Tensor? attentionMask = null, KvCache? cache = null)
    {
        using var hidden = transformer.forward(inputIds, attentionMask, cache);
        return Logits(hidden);
    }

    /// <summary>Projects hidden states onto the vocabulary with the tied embedding matrix.</summary>
    public Tensor Logits(Tensor hidden) => F.linear(hidden, transformer.wte.weight!);

    /// <summary>Logits [B, vocab] of the last position only: what a decode step needs.</summary>
    public Tensor LastLogits(Tensor inputIds, Tensor? attentionMask = null, KvCache? cache = null)
    {
        using var hidden = transformer.forward(inputIds, attentionMask, cache);
        using var last = hidden.select(1, -1);
        return Logits(last);
    }
}
