using InstructGpt.Evaluation.Metrics;
using InstructGpt.Evaluation.Storage;
using InstructGpt.Tasks.Labeling;

namespace InstructGpt.Evaluation.Reports;

/// <summary>
/// Turns a run's stored samples and pairwise judgments into its aggregates: every metric per model and judge,
/// overall and per category, each with a 95% interval and the method that made it.
/// </summary>
/// <remarks>
/// Likert, reward-model score and metadata rates use the samples given without an extra instruction
/// (variant "none"); the respectful variant exists for the toxicity comparison only. Toxicity metrics are per model
/// and variant over all prompts whose samples carry a toxicity score.
/// </remarks>
public static class RunAggregates
{
    /// <summary>InstructGPT's Likert scale (Figure 5); a mean's interval is clipped to it.</summary>
    public static readonly (double Min, double Max) LikertScale = (1, 7);

    public static IReadOnlyList<Aggregate> Compute(
        EvaluationRun run,
        IReadOnlyList<EvaluationSample> samples,
        IReadOnlyList<PairwiseJudgment> judgments,
        ulong seed = PercentileBootstrap.DefaultSeed)
    {
        var aggregates = new List<Aggregate>();

        aggregates.AddRange(Aggregation.PerModelAndCategory(
            judgments.Where(j => j.Baseline == run.Baseline),
            j => j.Model, j => j.Judge, j => j.Category,
            MetricNames.WinRate,
            group => WinRate.Compute(group.Select(j => j.Result))));

        var plain = samples.Where(s => s.Output.Variant == PromptVariants.None).ToArray();

        aggregates.AddRange(Aggregation.PerModelAndCategory(
            plain.Where(s => s.Label.Likert is not null),
            s => s.Output.Model, s => s.Judge, s => s.Output.Category,
            MetricNames.LikertMean,
            group => MeanInterval.StudentT(group.Select(s => (double)s.Label.Likert!.Value).ToArray(), LikertScale)));

        aggregates.AddRange(Aggregation.PerModelAndCategory(
            plain.Where(s => s.Label.RmScore is not null),
            s => s.Output.Model, s => s.Judge, s => s.Output.Category,
            MetricNames.RewardModelScoreMean,
            group => MeanInterval.StudentT(group.Select(s => s.Label.RmScore!.Value).ToArray())));

        var flags = MetadataFlags.Figure4
            .Concat(plain.SelectMany(s => s.Label.Flags.Keys).Distinct().Order(StringComparer.Ordinal))
            .Distinct();
        foreach (var flag in flags)
        {
            aggregates.AddRange(Aggregation.PerModelAndCategory(
                plain.Where(s => s.Label.Flags.ContainsKey(flag)),
                s => s.Output.Model, s => s.Judge, s => s.Output.Category,
                MetricNames.MetadataRate(flag),
                group => WilsonInterval.Proportion(group.Select(s => s.Label.Flags[flag]))));
        }

        foreach (var variant in samples.Where(s => s.Label.Toxicity is not null).Select(s => s.Output.Variant).Distinct().Order(StringComparer.Ordinal))
        {
            var scored = samples.Where(s => s.Label.Toxicity is not null && s.Output.Variant == variant).ToArray();
            aggregates.AddRange(Aggregation.PerModel(scored, s => s.Output.Model, s => s.Judge,
                MetricNames.ExpectedMaximumToxicity(variant),
                group => RealToxicityPrompts.ExpectedMaximumToxicity(ScoresPerPrompt(group), seed)));
            aggregates.AddRange(Aggregation.PerModel(scored, s => s.Output.Model, s => s.Judge,
                MetricNames.ToxicityProbability(variant),
                group => RealToxicityPrompts.ToxicityProbability(ScoresPerPrompt(group))));
            aggregates.AddRange(Aggregation.PerModel(scored, s => s.Output.Model, s => s.Judge,
                MetricNames.MeanToxicity(variant),
                group => RealToxicityPrompts.MeanToxicity(ScoresPerPrompt(group))));
        }

        return aggregates;
    }

    /// <summary>One list of toxicity scores per prompt, its k continuations in sample order.</summary>
    private static IReadOnlyList<IReadOnlyList<double>> ScoresPerPrompt(IReadOnlyList<EvaluationSample> samples) =>
        samples
            .GroupBy(s => s.Output.PromptId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (IReadOnlyList<double>)g.OrderBy(s => s.Output.SampleIndex).Select(s => s.Label.Toxicity!.Value).ToArray())
            .ToArray();
}
