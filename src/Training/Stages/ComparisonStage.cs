using System.Diagnostics;
using InstructGpt.Inference.Generation;
using InstructGpt.Inference.Model;
using InstructGpt.Inference.Tokenization;
using InstructGpt.Tasks.Labeling;
using InstructGpt.Tasks.StableRandom;
using InstructGpt.Training.Data;
using InstructGpt.Training.Runs;

namespace InstructGpt.Training.Stages;

/// <summary>
/// Collects the reward model's training data: for each prompt, K candidates (K uniform in 4..9) written by several
/// policies (<see cref="ComparisonPolicies"/>: mostly the SFT model, some other checkpoints, one demonstration),
/// ranked together by a labeler — the simulated one by default — and written as comparison records (best first, with
/// ranks where the labeler tied, and each completion's policy).
/// </summary>
public static class ComparisonStage
{
    public const string Name = "comparisons";

    /// <param name="models">Every checkpoint that samples: the sampling model and those in <see cref="ComparisonSettings.OtherPolicies"/>, by policy name.</param>
    /// <param name="samplingModel">The policy that writes the rest of each prompt's K (the SFT model).</param>
    /// <param name="prompts">Prompts with their reference demonstrations and metadata (what the labeler judges against).</param>
    public static StageOutcome Run(IReadOnlyDictionary<string, GptLanguageModel> models, string samplingModel, ITokenizer tokenizer,
        IReadOnlyList<Demonstration> prompts, SimulatedLabeler labeler, ComparisonSettings settings, string outputPath, ulong seed,
        IProgress<StageProgress>? progress = null, CancellationToken cancellation = default)
    {
        if (settings.MinK < Comparison.MinCompletions || settings.MaxK > Comparison.MaxCompletions || settings.MinK > settings.MaxK)
            throw new ArgumentException($"K must satisfy {Comparison.MinCompletions} <= MinK <= MaxK <= {Comparison.MaxCompletions}; got {settings.MinK}..{settings.MaxK}");
        ComparisonPolicies.Validate(settings, samplingModel);
        var clock = Stopwatch.StartNew();
        var chosen = prompts.Take(settings.MaxPrompts ?? prompts.Count).ToList();
        // K per prompt, uniform in [MinK, MaxK], from the seed alone.
        var random = new SplitMix64(seed ^ 0xC0FFEEUL);
        var ks = chosen.Select(_ => settings.MinK + (int)(random.NextUInt64() % (ulong)(settings.MaxK - settings.MinK + 1))).ToArray();
        var results = new Comparison?[chosen.Count];
        var generators = models.ToDictionary(m => m.Key, m => new CompletionGenerator(m.Value, tokenizer));
        foreach (var model in models.Values) model.eval();
        var batches = Enumerable.Range(0, chosen.Count).GroupBy(i => ks[i]).SelectMany(g => g.Chunk(settings.BatchPrompts).Select(c => (k: g.Key, items: c))).ToList();
        var done = 0;
        long tokens = 0;
        var agreement = new RubricAgreement.Count();
        var sampleAgreement = new RubricAgreement.Count();
        var withinPolicyAgreement = new RubricAgreement.Count();
        var likert = new Dictionary<string, (double Sum, int Count)>();
        for (var b = 0; b < batches.Count; b++)
        {
            cancellation.ThrowIfCancellationRequested();
            var (k, items) = batches[b];
            var outputs = items.Select(_ => new List<(string Text, string Policy)>()).ToArray();
            var allocation = ComparisonPolicies.Allocate(k, samplingModel, settings.OtherPolicies, settings.IncludeDemonstration);
            var encoded = items.Select(i => tokenizer.Encode(InstructionFormat.Query(chosen[i].Prompt))).ToList();
            for (var p = 0; p < allocation.Count; p++)
            {
                var (policy, count) = allocation[p];
                if (policy == ComparisonPolicies.Demonstration)
                {
                    for (var i = 0; i < items.Length; i++) outputs[i].Add((chosen[items[i]].Completion.Trim(), policy));
                    continue;
                }
                var model = models.TryGetValue(policy, out var m) ? m : throw new ArgumentException($"comparisons: no model was loaded for policy '{policy}'");
                // A prompt longer than the context allows keeps its end, as in SFT.
                var room = model.Config.NPositions - settings.MaxTokens;
                var queries = encoded.Select(q => (IReadOnlyList<int>)(q.Length <= room ? q : q[^room..])).ToList();
                // The sampling model keeps the seed it always had, so a run with no other policies is unchanged.
                var samples = generators[policy].Generate(queries, new SamplingOptions
                {
                    N = count, MaxTokens = settings.MaxTokens, Temperature = settings.Temperature, Seed = unchecked(seed + (ulong)b * 7919 + (ulong)p * 104729),
                }, cancellation);
                foreach (var sample in samples.OrderBy(s => s.PromptIndex).ThenBy(s => s.Index))
                {
                    outputs[sample.PromptIndex].Add((sample.Text.Trim(), policy));
                    tokens += sample.TokenIds.Count;
                }
            }
            for (var i = 0; i < items.Length; i++)
            {
                var demonstration = chosen[items[i]];
                var texts = outputs[i].Select(o => o.Text).ToList();
                var policies = outputs[i].Select(o => o.Policy).ToList();
                var ranking = labeler.Rank(demonstration.ToPromptTask(), texts);
                agreement += RubricAgreement.Of(ranking);
                sampleAgreement += RubricAgreement.Of(ranking, (x, y) => policies[x] != ComparisonPolicies.Demonstration && policies[y] != ComparisonPolicies.Demonstration);
                withinPolicyAgreement += RubricAgreement.Of(ranking, (x, y) => policies[x] == samplingModel && policies[y] == samplingModel);
                for (var j = 0; j < texts.Count; j++)
                {
                    var (sum, count) = likert.GetValueOrDefault(policies[j]);
                    likert[policies[j]] = (sum + ranking.Forms[j].Likert, count + 1);
                }
                results[items[i]] = Comparison.FromRanking(demonstration.Prompt, texts, ranking, demonstration.Metadata, policies);
            }
            done += items.Length;
            var elapsed = clock.Elapsed;
            progress?.Report(new StageProgress(Name, done, chosen.Count, null, new Dictionary<string, double>(), tokens / Math.Max(1e-9, elapsed.TotalSeconds),
                elapsed, TimeSpan.FromSeconds(elapsed.TotalSeconds / done * (chosen.Count - done))));
        }
        var comparisons = results.OfType<Comparison>().ToList();
        ComparisonDataset.Write(outputPath, comparisons);
        var metrics = new Dictionary<string, double>
        {
            ["prompts"] = chosen.Count,
            ["comparisons"] = comparisons.Count,
            ["mean_k"] = ks.Average(),
            ["generated_tokens"] = tokens,
            // The RM accuracy ceiling on these labels: how often the labeler's ranking agrees with its own noise-free rubric,
            // over all pairs, over the pairs of two model samples (without the demonstration), and over two samples of the
            // sampling model: the only differences PPO, starting from that model, can use.
            ["rubric_agreement"] = agreement.Rate,
            ["rubric_agreement_samples"] = sampleAgreement.Rate,
            ["rubric_agreement_within_policy"] = withinPolicyAgreement.Rate,
        };
        foreach (var (policy, (sum, count)) in likert) metrics[$"mean_likert_{Path.GetFileName(policy.TrimEnd('/', '\\'))}"] = sum / count;
        return new StageOutcome(Name, outputPath, chosen.Count, clock.Elapsed.TotalSeconds, metrics);
    }
}
