using InstructGpt.Evaluation.Judges;
using InstructGpt.Evaluation.Metrics;
using InstructGpt.Evaluation.Storage;

namespace InstructGpt.Evaluation.Runs;

/// <summary>
/// Perplexity of held-out pretraining text per model, and the alignment tax of every other model against the
/// reference (InstructGPT §4.2: PPO regresses on public data; PPO-ptx's pretraining mix reduces that), both over
/// all documents, stored under the <see cref="JudgeNames.LogLikelihood"/> "judge".
/// </summary>
public static class DocumentAggregates
{
    public static IReadOnlyList<Aggregate> Compute(IReadOnlyList<DocumentScore> scores, IReadOnlyList<string> models, string reference, ulong seed = PercentileBootstrap.DefaultSeed)
    {
        var byModel = scores
            .GroupBy(s => s.Model, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToDictionary(s => s.DocumentId, s => s.Scored, StringComparer.Ordinal), StringComparer.Ordinal);
        var aggregates = new List<Aggregate>();
        foreach (var model in models.Where(byModel.ContainsKey))
        {
            var documents = byModel[model].OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => d.Value).ToArray();
            aggregates.Add(Of(model, MetricNames.Perplexity, Perplexity.Estimate(documents, seed)));
        }
        if (!byModel.TryGetValue(reference, out var referenceDocuments))
            return aggregates;
        foreach (var model in models.Where(m => m != reference && byModel.ContainsKey(m)))
        {
            // Both sides over the same documents, in the same order: the bootstrap resamples them in pairs.
            var shared = byModel[model].Keys.Where(referenceDocuments.ContainsKey).Order(StringComparer.Ordinal).ToArray();
            if (shared.Length == 0) continue;
            var mine = shared.Select(id => byModel[model][id]).ToArray();
            var theirs = shared.Select(id => referenceDocuments[id]).ToArray();
            aggregates.Add(Of(model, MetricNames.AlignmentTaxPerplexityRatio, AlignmentTax.PerplexityRatio(mine, theirs, seed)));
            aggregates.Add(Of(model, MetricNames.AlignmentTaxPerplexityDifference, AlignmentTax.PerplexityDifference(mine, theirs, seed)));
        }
        return aggregates;
    }

    private static Aggregate Of(string model, string metric, MetricEstimate estimate) =>
        Aggregate.Of(model, JudgeNames.LogLikelihood, Aggregate.AllCategories, metric, estimate);
}
