using InstructGpt.Inference.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Generation;

/// <summary>
/// Picks the next token of every row from its logits. Log-probabilities are those of the distribution
/// sampled from after temperature scaling and before top-k / top-p truncation (what PPO's KL needs);
/// temperature 0 reports the unscaled distribution and picks its argmax.
/// </summary>
public static class TokenSampler
{
    /// <param name="logprobs">
    /// As OpenAI's <c>logprobs</c>: null computes none (most requests, and PPO's rollout, which rescores its samples),
    /// 0 the chosen token's, k &gt; 0 the k most likely as well.
    /// </param>
    public static SampledStep Sample(Tensor logits, IReadOnlyList<RowSampling> rows, int? logprobs)
    {
        // Every native call costs microseconds whatever the tensor's size, and at batch 1 a tiny model's decode step
        // takes about a millisecond, so the common cases take the fewest calls: no division at temperature 1, no
        // log-softmax unless asked for, and one softmax when one untruncated group holds every row (exp of the
        // log-probabilities instead costs a parallel region with 2 intra-op threads: 34 us against 4 us at 4,096
        // tokens, see docs/benchmarks.md).
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var b = (int)logits.size(0);
        var vocab = logits.size(-1);
        var scaled = Scale(logits.@float(), rows);

        var tokens = new long[b];
        var greedy = rows.Select((r, i) => (r, i)).Where(x => x.r.Temperature == 0).Select(x => x.i).ToList();
        if (greedy.Count > 0)
        {
            var argmax = scaled.argmax(-1).ToHostArray<long>();
            foreach (var i in greedy) tokens[i] = argmax[i];
        }

        // Rows that sample share one truncation pass per distinct (top_k, top_p).
        foreach (var group in rows.Select((r, i) => (r, i)).Where(x => x.r.Temperature > 0).GroupBy(x => (x.r.TopK, x.r.TopP)))
        {
            var indices = group.Select(x => (long)x.i).ToArray();
            var (topK, topP) = group.Key;
            var truncated = topK > 0 && topK < vocab || topP < 1.0;
            var probs = indices.Length == b && !truncated
                ? scaled.softmax(-1)
                : Truncate(scaled.index_select(0, torch.tensor(indices, device: logits.device)), topK, topP).softmax(-1);
            var drawn = Draw(probs, group.Select(x => x.r.Generator).ToList());
            for (var k = 0; k < indices.Length; k++) tokens[indices[k]] = drawn[k];
        }
        if (logprobs is not { } topLogprobs) return new SampledStep(tokens, null, null);

        // float32 widens to double exactly, so reading floats loses nothing against a float64 copy.
        var all = scaled.log_softmax(-1);
        var chosen = all.gather(1, torch.tensor(tokens, new long[] { b, 1 }, device: logits.device)).ToHostArray<float>().Select(x => (double)x).ToArray();
        (int, double)[][]? top = null;
        if (topLogprobs > 0)
        {
            var (values, ids) = all.topk(Math.Min(topLogprobs, (int)vocab), -1);
            var v = values.ToHostArray<float>();
            var id = ids.ToHostArray<long>();
            var k = (int)values.size(-1);
            top = Enumerable.Range(0, b).Select(r => Enumerable.Range(0, k).Select(j => ((int)id[r * k + j], (double)v[r * k + j])).ToArray()).ToArray();
        }
        return new SampledStep(tokens, chosen, top);
    }

    /// <summary>
    /// One token per row of <paramref name="probs"/> by inverse-CDF sampling: a uniform u in [0, 1) per row, scaled
    /// by the row's total, picks the first token whose cumulative probability exceeds it, so a token with
    /// probability 0 (truncated away) is never chosen. A seeded row draws its u from its own generator, so its
    /// samples do not depend on its batch-mates. Why not torch.multinomial: for one sample it draws an
    /// exponential variate for every token of the vocabulary (libtorch 2.x), 70-90 µs a row for 4,096 tokens
    /// here, against about 10 µs for the cumulative sum and the search. The sum runs in float64, so a 50,257-token
    /// vocabulary keeps its tail probabilities.
    /// </summary>
    public static long[] Draw(Tensor probs, IReadOnlyList<torch.Generator?> generators)
    {
        using var scope = torch.NewDisposeScope();
        var rows = probs.size(0);
        var vocab = probs.size(-1);
        var cdf = probs.to(ScalarType.Float64).cumsum(-1);
        var uniform = generators.All(g => g is null)
            ? torch.rand(new long[] { rows, 1 }, ScalarType.Float64, probs.device)
            : torch.cat(generators.Select(g => torch.rand(new long[] { 1, 1 }, ScalarType.Float64, probs.device, generator: g)).ToList(), 0);
        var threshold = uniform * cdf.narrow(-1, vocab - 1, 1);
        var drawn = torch.searchsorted(cdf, threshold, right: true).view(-1).ToHostArray<long>();
        for (var r = 0; r < drawn.Length; r++)
            if (drawn[r] >= vocab) // u × total rounded up to the total: take the last token that has probability
                drawn[r] = (probs[r] > 0).nonzero().max().ToInt64();
        return drawn;
    }

    /// <summary>Logits divided by each row's temperature (greedy rows by 1): no call at all when every row uses 1.</summary>
    private static Tensor Scale(Tensor logits, IReadOnlyList<RowSampling> rows)
    {
        var temperatures = rows.Select(r => r.Temperature > 0 ? r.Temperature : 1.0).ToArray();
        if (temperatures.All(t => t == temperatures[0]))
            return temperatures[0] == 1.0 ? logits : logits / temperatures[0];
        var column = torch.tensor(temperatures.Select(t => (float)t).ToArray(), new long[] { temperatures.Length, 1 }, device: logits.device);
        return logits / column;
    }

    /// <summary>Sets to −∞ every logit outside the top k and outside the smallest set whose probability reaches top_p.</summary>
    public static Tensor Truncate(Tensor logits, int topK, double topP)
    {
        var vocab = logits.size(-1);
        var result = logits;
        if (topK > 0 && topK < vocab)
        {
            var (values, _) = result.topk(topK, -1);
            result = result.masked_fill(result < values[.., ^1..], double.NegativeInfinity);
        }
        if (topP < 1.0)
        {
            var (sorted, order) = result.sort(-1, descending: true);
            var probs = sorted.softmax(-1);
            // Drop a token when the tokens ranked above it already reach top_p; the first always stays.
            var before = probs.cumsum(-1) - probs;
            var filtered = sorted.masked_fill(before > topP, double.NegativeInfinity);
            result = torch.full(result.shape, double.NegativeInfinity, result.dtype, result.device).scatter(-1, order, filtered);
        }
        return result;
    }
}
