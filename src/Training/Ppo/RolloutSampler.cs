using InstructGpt.Inference.Generation;
using InstructGpt.Inference.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Training.Ppo;

/// <summary>
/// Samples the policy's responses for a batch of queries with the KV cache, at the PPO sampling
/// temperature (1 in the paper), drawing from one seeded generator so that a run is reproducible.
/// Queries are left-padded; rows that reached EOS keep decoding PAD until all are done.
/// </summary>
public static class RolloutSampler
{
    public static Rollout Sample(GptLanguageModel policy, IReadOnlyList<int[]> queries, int maxResponseTokens, double temperature,
        int eosId, int padId, torch.Generator generator)
    {
        var device = policy.transformer.wte.weight!.device;
        var dtype = policy.transformer.wte.weight!.dtype;
        var b = queries.Count;
        var width = queries.Max(q => q.Length);
        var responses = new long[b, maxResponseTokens];
        for (var i = 0; i < b; i++) for (var t = 0; t < maxResponseTokens; t++) responses[i, t] = padId;
        var lengths = new int[b];
        var ended = new bool[b];
        var sampling = Enumerable.Repeat(new RowSampling(temperature, 0, 1.0, generator), b).ToList();

        using var noGrad = torch.no_grad();
        policy.eval();
        using var cache = new KvCache(policy.Config, b, width + maxResponseTokens, device, dtype);
        Tensor logits;
        using (var scope = torch.NewDisposeScope())
        {
            var (ids, mask) = PromptBatch.LeftPad(queries, width, device);
            logits = policy.LastLogits(ids, mask, cache).DetachFromDisposeScope();
        }
        try
        {
            for (var t = 0; t < maxResponseTokens; t++)
            {
                using var scope = torch.NewDisposeScope();
                var step = TokenSampler.Sample(logits, sampling, logprobs: null);
                var next = new long[b];
                for (var i = 0; i < b; i++)
                {
                    if (ended[i]) { next[i] = padId; continue; }
                    next[i] = step.Tokens[i];
                    responses[i, t] = step.Tokens[i];
                    lengths[i] = t + 1;
                    if (step.Tokens[i] == eosId) ended[i] = true;
                }
                if (ended.All(e => e) || t == maxResponseTokens - 1) break;
                var nextLogits = policy.LastLogits(torch.tensor(next, new long[] { b, 1 }, device: device), null, cache).DetachFromDisposeScope();
                logits.Dispose();
                logits = nextLogits;
            }
        }
        finally
        {
            logits.Dispose();
        }
        return new Rollout(queries, responses, lengths, ended);
    }
}
