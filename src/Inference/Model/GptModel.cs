using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Model;

/// <summary>
/// GPT-2's transformer trunk (HF's GPT2Model): token and position embeddings, dropout, n_layer
/// blocks and a final LayerNorm. Handles left-padded batches and the KV cache: position ids count only
/// real tokens, and no query attends to a padding key, so a padded row gives the same hidden states as
/// the same row unpadded.
/// </summary>
public sealed class GptModel : nn.Module
{
    public GptConfig Config { get; }
    public readonly Embedding wte;
    public readonly Embedding wpe;
    public readonly ModuleList<GptBlock> h;
    public readonly LayerNorm ln_f;
    private readonly SeededDropout drop;

    public GptModel(GptConfig config, Generator? generator = null) : base(nameof(GptModel))
    {
        Config = config.Validate();
        wte = Embedding(config.VocabSize, config.NEmbd, config.InitializerRange, generator);
        wpe = Embedding(config.NPositions, config.NEmbd, config.InitializerRange, generator);
        drop = new SeededDropout(config.EmbdPdrop);
        h = nn.ModuleList(Enumerable.Range(0, config.NLayer).Select(_ => new GptBlock(config, generator)).ToArray());
        ln_f = nn.LayerNorm(config.NEmbd, config.LayerNormEpsilon);
        RegisterComponents();
    }

    /// <summary>An embedding table drawn from N(0, std²) with the given generator (GPT-2's initializer_range).</summary>
    private static Embedding Embedding(long count, long width, double std, Generator? generator)
    {
        var embedding = nn.Embedding(count, width);
        using (torch.no_grad()) embedding.weight!.normal_(0, std, generator);
        return embedding;
    }

    /// <param name="inputIds">[B, T] token ids.</param>
    /// <param name="attentionMask">[B, T], 1 for real tokens and 0 for padding; null means no padding.</param>
    /// <param name="cache">Optional KV cache; the new tokens are appended to it.</param>
    /// <returns>Hidden states [B, T, n_embd] after ln_f.</returns>
    public Tensor forward(Tensor inputIds, Tensor? attentionMask = null, KvCache? cache = null)
    {
        using var scope = torch.NewDisposeScope();
        long b = inputIds.size(0), t = inputIds.size(1);
        var device = inputIds.device;
        var past = cache?.Length ?? 0;
        if (past + t > Config.NPositions)
            throw new ArgumentException($"sequence of {past + t} tokens exceeds the model's context of {Config.NPositions} positions");

        Tensor positions;
        Tensor? mask;
        if (attentionMask is null && (past == 0 || cache!.IsDense))
        {
            // No padding anywhere (the common decode step): positions continue from the cache, and attention needs no
            // mask — plain causal for a prompt, nothing for one new token, which may see every cached key. This skips
            // building a [B, 1, T, past + T] mask per step, so attention can take libtorch's fused kernel.
            positions = torch.arange(past, past + t, dtype: ScalarType.Int64, device: device).unsqueeze(0).expand(b, t);
            mask = past == 0 || t == 1 ? null : AttentionMask(torch.ones(new[] { b, t }, dtype: ScalarType.Bool, device: device), cache!.KeyMask.narrow(1, 0, past), t, past);
            cache?.AppendMask(null, t);
        }
        else
        {
            var newMask = attentionMask?.@bool() ?? torch.ones(new[] { b, t }, dtype: ScalarType.Bool, device: device);
            var pastMask = past > 0 ? cache!.KeyMask.narrow(1, 0, past) : null;
            positions = PositionIds(newMask, pastMask);
            mask = AttentionMask(newMask, pastMask, t, past);
            cache?.AppendMask(newMask, t);
        }
        var x = drop.forward(wte.forward(inputIds) + wpe.forward(positions));
        for (var i = 0; i < h.Count; i++) x = h[i].forward(x, mask, cache, i);
        cache?.Advance(t);
        return ln_f.forward(x).MoveToOuterDisposeScope();
    }

    /// <summary>Position of each new token = number of real tokens before it in its row (pads do not count).</summary>
    private static Tensor PositionIds(Tensor newMask, Tensor? pastMask)
    {
        var counts = newMask.@long().cumsum(1);
        if (pastMask is not null) counts = counts + pastMask.@long().sum(1, keepdim: true);
        return (counts - 1).clamp_min(0);
    }

    /// <summary>
    /// [B, 1, T, past+T]: key j is visible to query i when j is causal-before-or-at i and real. Each
    /// position may also always see itself, so rows of padding have a finite softmax (never read).
    /// </summary>
    private static Tensor AttentionMask(Tensor newMask, Tensor? pastMask, long t, long past)
    {
        var device = newMask.device;
        var keyValid = pastMask is null ? newMask : torch.cat(new[] { pastMask, newMask }, 1);
        var queryPosition = (torch.arange(0, t, device: device) + past).unsqueeze(1);
        var keyPosition = torch.arange(0, past + t, device: device).unsqueeze(0);
        var causal = keyPosition <= queryPosition;
        var self = keyPosition.eq(queryPosition);
        return (causal.unsqueeze(0) & keyValid.unsqueeze(1)).logical_or(self.unsqueeze(0)).unsqueeze(1);
    }
}
