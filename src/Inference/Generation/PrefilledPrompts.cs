using InstructGpt.Inference.Model;
using InstructGpt.Inference.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Generation;

/// <summary>
/// Prompts after their prefill, ready to join a <see cref="GenerationBatch{TRow}"/>: their KV cache, the logits of
/// each prompt's last token, and, for echo with logprobs, each prompt token's log-probability.
/// </summary>
public sealed class PrefilledPrompts : IDisposable
{
    private PrefilledPrompts(IReadOnlyList<int[]> prompts, KvCache cache, Tensor logits, List<TokenLogprob>[]? echoLogprobs)
    {
        Prompts = prompts;
        Cache = cache;
        Logits = logits;
        EchoLogprobs = echoLogprobs;
    }

    public IReadOnlyList<int[]> Prompts { get; }
    public KvCache Cache { get; }

    /// <summary>[prompts, vocab]: what each prompt's first completion token is sampled from.</summary>
    public Tensor Logits { get; }

    /// <summary>By prompt, when <see cref="Run"/> was asked for them; else null.</summary>
    public List<TokenLogprob>[]? EchoLogprobs { get; }

    /// <summary>Set when a batch took the cache and logits over instead of copying them.</summary>
    internal bool Adopted { get; set; }

    /// <summary>
    /// Left-pads the prompts into one forward pass through a new cache of (longest prompt + <paramref name="room"/>)
    /// columns. <paramref name="echoLogprobs"/> (the top count) also scores the prompt's own tokens, which needs the
    /// logits of every position instead of only the last.
    /// </summary>
    public static PrefilledPrompts Run(GptLanguageModel model, IReadOnlyList<int[]> prompts, int room, int? echoLogprobs, ITokenizer? tokenizer)
    {
        var device = model.transformer.wte.weight!.device;
        var width = prompts.Max(p => p.Length);
        var cache = new KvCache(model.Config, prompts.Count, width + room, device, model.transformer.wte.weight!.dtype);
        try
        {
            using var noGrad = torch.no_grad();
            using var scope = torch.NewDisposeScope();
            var (ids, mask) = PromptBatch.LeftPad(prompts, width, device);
            List<TokenLogprob>[]? echo = null;
            Tensor last;
            if (echoLogprobs is { } topCount)
            {
                var all = model.forward(ids, mask, cache);
                echo = PromptBatch.PromptLogprobs(all, prompts, width, topCount, tokenizer ?? throw new ArgumentNullException(nameof(tokenizer), "echo needs the tokenizer"));
                last = all.select(1, -1);
            }
            else last = model.LastLogits(ids, mask, cache);
            return new PrefilledPrompts(prompts, cache, last.DetachFromDisposeScope(), echo);
        }
        catch
        {
            cache.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (Adopted) return;
        Cache.Dispose();
        Logits.Dispose();
    }
}
