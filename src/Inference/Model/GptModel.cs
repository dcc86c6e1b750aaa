using InstructGpt.Torch;
using InstructGpt.Torch.Modules;

namespace InstructGpt.Inference.Model;

/// <summary>
/// GPT-2's transformer trunk (HF's GPT2Model): token and position embeddings, dropout, n_layer
/// blocks and a final LayerNorm. Handles left-padded batches and the KV cache: position ids count only
/// real tokens, and no query attends to a padding key, so a padded row gives the same hidden states as
/// the same row unpadded.
/// </summary>
public sealed class GptModel : Module
{
    public GptConfig Config { get; }
    public Embedding wte { get; }
    public Embedding wpe { get; }
    public ModuleList<GptBlock> h { get; }
    public LayerNorm ln_f { get; }
    private readonly Dropout drop;

    public GptModel(GptConfig config, Generator? generator = null)
    {
        Config = config.Validate();
        wte = register_module("wte", new Embedding(config.VocabSize, config.NEmbd, config.InitializerRange, Device.CPU, generator: generator));
        wpe = register_module("wpe", new Embedding(config.NPositions, config.NEmbd, config.InitializerRange, Device.CPU, generator: generator));
        drop = register_module("drop", new Dropout(config.EmbdPdrop));
        h = register_module("h", new ModuleList<GptBlock>(Enumerable.Range(0, config.NLayer).Select(_ => new GptBlock(config, generator))));
        ln_f = register_module("ln_f", new LayerNorm(config.NEmbd, config.LayerNormEpsilon, Device.CPU));
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

        var newMask = attentionMask?.@bool() ?? torch.ones([b, t], DType.Bool, device);
        var pastMask = past > 0 ? cache!.KeyMask.narrow(1, 0, past) : null;
        var positions = PositionIds(newMask, pastMask);
        var mask = attentionMask is null && past == 0 ? null : AttentionMask(newMask, pastMask, t, past);

        cache?.AppendMask(newMask);
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
        var keyValid = pastMask is null ? newMask : torch.cat([pastMask, newMask], 1);
        var queryPosition = (torch.arange(0, t, device: device) + past).unsqueeze(1);
        var keyPosition = torch.arange(0, past + t, device: device).unsqueeze(0);
        var causal = keyPosition <= queryPosition;
        var self = keyPosition.eq(queryPosition);
        return (causal.unsqueeze(0) & keyValid.unsqueeze(1)).logical_or(self.unsqueeze(0)).unsqueeze(1);
    }
}
