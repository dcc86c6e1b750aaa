using InstructGpt.Inference.Generation;
using InstructGpt.Inference.Model;
using TorchSharp;

namespace InstructGpt.Training.Ppo;

/// <summary>
/// Samples the policy's responses for a batch of queries with the KV cache, at the PPO sampling
/// temperature (1 in the paper), drawing from one seeded generator so that a run is reproducible.
/// Queries are left-padded; rows that reached EOS stay in the batch and decode PAD until all are done, so every
/// step draws one number per row from the shared generator whichever rows are done.
/// </summary>
public static class RolloutSampler
{
    public static Rollout Sample(GptLanguageModel policy, IReadOnlyList<int[]> queries, int maxResponseTokens, double temperature,
        int eosId, int padId, torch.Generator generator)
    {
        var sampling = new RowSampling(temperature, 0, 1.0, generator);
        var rows = queries.Select(_ => new RolloutRow(sampling, eosId, maxResponseTokens)).ToList();
        policy.eval();
        using (var batch = new GenerationBatch<RolloutRow>(policy, new GenerationBatchOptions(KeepFinishedRows: true, FinishedRowToken: padId)))
        {
            using (var prefilled = PrefilledPrompts.Run(policy, queries, maxResponseTokens, echoLogprobs: null, tokenizer: null))
                batch.Join(prefilled, rows);
            for (var t = 0; t < maxResponseTokens; t++)
                if (!batch.Step(logprobs: null)) break;
        }

        var responses = new long[queries.Count, maxResponseTokens];
        for (var i = 0; i < queries.Count; i++)
            for (var t = 0; t < maxResponseTokens; t++)
                responses[i, t] = t < rows[i].Tokens.Count ? rows[i].Tokens[t] : padId;
        return new Rollout(queries, responses, rows.Select(r => r.Tokens.Count).ToArray(), rows.Select(r => r.EndedWithEos).ToArray());
    }
}
