using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Generation;

/// <summary>How one row of a decode batch samples its next token.</summary>
/// <param name="Generator">The row's own random stream (a seeded request), or null for the global one.</param>
public sealed record RowSampling(double Temperature, int TopK, double TopP, torch.Generator? Generator);

/// <summary>The outcome of one decode step for a batch: the chosen token of each row and its log-probabilities.</summary>
public sealed record SampledStep(long[] Tokens, double[] Logprobs, (int id, double logprob)[][]? Top);

/// <summary>
/// Picks the next token of every row from its logits. Log-probabilities are those of the distribution
/// sampled from after temperature scaling and before top-k / top-p truncation (what PPO's KL needs);
/// temperature 0 reports the unscaled distribution and picks its argmax.
/// </summary>
public static class TokenSampler
{
    public static SampledStep Sample(Tensor logits, IReadOnlyList<RowSampling> rows, int topLogprobs)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var b = (int)logits.size(0);
        var temperatures = rows.Select(r => (float)(r.Temperature > 0 ? r.Temperature : 1.0)).ToArray();
        var scaled = logits.@float() / torch.tensor(temperatures, new long[] { b, 1 }, device: logits.device);
        var logprobs = scaled.log_softmax(-1);

        var tokens = new long[b];
        var greedy = rows.Select((r, i) => (r, i)).Where(x => x.r.Temperature == 0).Select(x => x.i).ToList();
        if (greedy.Count > 0)
        {
            var argmax = scaled.argmax(-1).data<long>().ToArray();
            foreach (var i in greedy) tokens[i] = argmax[i];
        }

        // Rows that sample share one truncation pass per distinct (top_k, top_p).
        foreach (var group in rows.Select((r, i) => (r, i)).Where(x => x.r.Temperature > 0).GroupBy(x => (x.r.TopK, x.r.TopP)))
        {
            var indices = group.Select(x => (long)x.i).ToArray();
            var index = torch.tensor(indices, device: logits.device);
            var probs = Truncate(scaled.index_select(0, index), group.Key.TopK, group.Key.TopP).softmax(-1);
            var unseeded = group.Where(x => x.r.Generator is null).Select(x => x.i).ToList();
            if (unseeded.Count == group.Count())
            {
                var drawn = torch.multinomial(probs, 1).view(-1).data<long>().ToArray();
                for (var k = 0; k < indices.Length; k++) tokens[indices[k]] = drawn[k];
                continue;
            }
            // A seeded row draws from its own generator so its samples do not depend on its batch-mates.
            var position = 0;
            foreach (var (row, i) in group)
            {
                tokens[i] = torch.multinomial(probs[position], 1, generator: row.Generator).item<long>();
                position++;
            }
        }

        var chosen = logprobs.gather(1, torch.tensor(tokens, new long[] { b, 1 }, device: logits.device)).view(-1).to(ScalarType.Float64).data<double>().ToArray();
        (int, double)[][]? top = null;
        if (topLogprobs > 0)
        {
            var (values, ids) = logprobs.topk(Math.Min(topLogprobs, (int)logprobs.size(-1)), -1);
            var v = values.to(ScalarType.Float64).data<double>().ToArray();
            var id = ids.data<long>().ToArray();
            var k = (int)values.size(-1);
            top = Enumerable.Range(0, b).Select(r => Enumerable.Range(0, k).Select(j => ((int)id[r * k + j], v[r * k + j])).ToArray()).ToArray();
        }
        return new SampledStep(tokens, chosen, top);
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
