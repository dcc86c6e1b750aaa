using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace InstructGpt.Inference.Model;

/// <summary>Multi-head causal self-attention with GPT-2's fused qkv projection (c_attn) and output projection (c_proj).</summary>
public sealed class CausalSelfAttention : nn.Module
{
    private readonly GptConfig config;
    // Submodules are fields named as Hugging Face names them; RegisterComponents registers them under those names.
    public readonly Conv1D c_attn;
    public readonly Conv1D c_proj;
    private readonly SeededDropout resid_dropout;

    public CausalSelfAttention(GptConfig config, Generator? generator) : base(nameof(CausalSelfAttention))
    {
        this.config = config;
        c_attn = new Conv1D(config.NEmbd, 3 * config.NEmbd, config.InitializerRange, generator);
        // GPT-2 scales the init of residual projections by 1/sqrt(2·n_layer) (Radford et al., 2019, §2.3).
        c_proj = new Conv1D(config.NEmbd, config.NEmbd, config.InitializerRange / Math.Sqrt(2.0 * config.NLayer), generator);
        resid_dropout = new SeededDropout(config.ResidPdrop);
        RegisterComponents();
    }

    /// <summary>Where attention-dropout masks come from; null uses libtorch's global generator (inside the fused kernel).</summary>
    public Generator? DropoutGenerator { get; set; }

    /// <param name="x">[B, T, C]</param>
    /// <param name="mask">[B, 1, T, Tk] boolean, true where attention is allowed; null means plain causal (T tokens
    /// from position 0), or, for one token (T = 1), that it may see every cached key.</param>
    public Tensor forward(Tensor x, Tensor? mask, KvCache? cache, int layer)
    {
        using var scope = torch.NewDisposeScope();
        long b = x.size(0), t = x.size(1);
        var qkv = c_attn.forward(x).split(config.NEmbd, 2);
        var q = Heads(qkv[0], b, t);
        var k = Heads(qkv[1], b, t);
        var v = Heads(qkv[2], b, t);
        if (cache is not null) (k, v) = cache.Write(layer, k, v);
        var dropout = training ? config.AttnPdrop : 0.0;
        var y = dropout > 0 && DropoutGenerator is not null
            ? ExplicitAttention(q, k, v, mask, dropout)
            : F.scaled_dot_product_attention(q, k, v, mask, dropout, is_casual: mask is null && t > 1);
        y = y.transpose(1, 2).reshape(b, t, config.NEmbd);
        return resid_dropout.forward(c_proj.forward(y)).MoveToOuterDisposeScope();
    }

    /// <summary>softmax(q kᵀ/√d, masked) with dropout drawn from <see cref="DropoutGenerator"/>, then · v.</summary>
    private Tensor ExplicitAttention(Tensor q, Tensor k, Tensor v, Tensor? mask, double dropout)
    {
        var scores = q.matmul(k.transpose(-2, -1)) * (1.0 / Math.Sqrt(config.HeadSize));
        // Without a mask the queries are the last q.size(-2) positions of k.size(-2): causal, aligned at the bottom right.
        var allowed = mask ?? torch.ones(new[] { q.size(-2), k.size(-2) }, dtype: ScalarType.Bool, device: q.device).tril(k.size(-2) - q.size(-2));
        var weights = scores.masked_fill(allowed.logical_not(), double.NegativeInfinity).softmax(-1);
        return SeededDropout.Apply(weights, dropout, DropoutGenerator).matmul(v);
    }

    /// <summary>[B, T, C] → [B, H, T, C/H].</summary>
    private Tensor Heads(Tensor x, long b, long t) => x.view(b, t, config.NHead, config.HeadSize).transpose(1, 2);
}
