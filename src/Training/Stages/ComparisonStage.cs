using System.Diagnostics;
using InstructGpt.Evaluation.Labeling;
using InstructGpt.Evaluation.Metrics;
using InstructGpt.Inference.Generation;
using InstructGpt.Inference.Model;
using InstructGpt.Inference.Tokenization;
using InstructGpt.Training.Data;
using InstructGpt.Training.Runs;

namespace InstructGpt.Training.Stages;

/// <summary>
/// Collects the reward model's training data: for each prompt, K outputs sampled from the SFT model
/// (K uniform in 4..9), ranked by a labeler — the simulated one by default — and written as comparison
/// records (best first, with ranks where the labeler tied).
/// </summary>
public static class ComparisonStage
{
    public const string Name = "comparisons";

    /// <param name="prompts">Prompts with their reference demonstrations and metadata (what the labeler judges against).</param>
    public static StageOutcome Run(GptLanguageModel sft, ITokenizer tokenizer, IReadOnlyList<Demonstration> prompts, SimulatedLabeler labeler,
        ComparisonSettings settings, string outputPath, ulong seed, IProgress<StageProgress>? progress = null, CancellationToken cancellation = default)
    {
        if (settings.MinK < Comparison.MinCompletions || settings.MaxK > Comparison.MaxCompletions || settings.MinK > settings.MaxK)
            throw new ArgumentException($"K must satisfy {Comparison.MinCompletions} <= MinK <= MaxK <= {Comparison.MaxCompletions}; got {settings.MinK}..{settings.MaxK}");
        var clock = Stopwatch.StartNew();
        var chosen = prompts.Take(settings.MaxPrompts ?? prompts.Count).ToList();
        // K per prompt, uniform in [MinK, MaxK], from the seed alone.
        var random = new SplitMix64(seed ^ 0xC0FFEEUL);
        var ks = chosen.Select(_ => settings.MinK + (int)(random.NextUInt64() % (ulong)(settings.MaxK - settings.MinK + 1))).ToArray();
        var results = new Comparison?[chosen.Count];
        var generator = new CompletionGenerator(sft, tokenizer);
        sft.eval();
        var batches = Enumerable.Range(0, chosen.Count).GroupBy(i => ks[i]).SelectMany(g => g.Chunk(settings.BatchPrompts).Select(c => (k: g.Key, items: c))).ToList();
        var done = 0;
        long tokens = 0;
        var agreement = new RubricAgreement.Count();
        for (var b = 0; b < batches.Count; b++)
        {
            cancellation.ThrowIfCancellationRequested();
            var (k, items) = batches[b];
            // A prompt longer than the context allows keeps its end, as in SFT.
            var room = sft.Config.NPositions - settings.MaxTokens;
            var queries = items.Select(i => tokenizer.Encode(InstructionFormat.Query(chosen[i].Prompt))).Select(q => (IReadOnlyList<int>)(q.Length <= room ? q : q[^room..])).ToList();
            var samples = generator.Generate(queries, new SamplingOptions
            {
                N = k, MaxTokens = settings.MaxTokens, Temperature = settings.Temperature, Seed = unchecked(seed + (ulong)b * 7919),
            }, cancellation);
            foreach (var group in samples.GroupBy(s => s.PromptIndex))
            {
                var demonstration = chosen[items[group.Key]];
                var outputs = group.OrderBy(s => s.Index).Select(s => s.Text.Trim()).ToList();
                tokens += group.Sum(s => s.TokenIds.Count);
                var ranking = labeler.Rank(demonstration.ToPromptTask(), outputs);
                agreement += RubricAgreement.Of(ranking);
                results[items[group.Key]] = Comparison.FromRanking(demonstration.Prompt, outputs, ranking, demonstration.Metadata);
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
            // The RM accuracy ceiling on these labels: how often the labeler's ranking agrees with its own noise-free rubric.
            ["rubric_agreement"] = agreement.Rate,
        };
        return new StageOutcome(Name, outputPath, chosen.Count, clock.Elapsed.TotalSeconds, metrics);
    }
}
