using InstructGpt.Evaluation.Metrics;

namespace InstructGpt.Evaluation.Judges;

/// <summary>
/// People's ratings (collected through the API, read through <see cref="IHumanRatings"/>) as a judge: where there
/// are ratings of exactly this prompt and output, the label is their median Likert score and each flag the
/// majority's value; where there are none, this judge says nothing. Of two outputs, the higher median is preferred.
/// </summary>
public sealed class HumanLabelJudge(IHumanRatings ratings) : ISampleJudge, IPairwiseJudge
{
    public string Name => JudgeNames.Human;

    public async Task<IReadOnlyList<SampleLabel?>> LabelAsync(IReadOnlyList<JudgedOutput> outputs, CancellationToken cancellationToken)
    {
        var result = new SampleLabel?[outputs.Count];
        for (var i = 0; i < outputs.Count; i++)
        {
            var output = outputs[i];
            if (!output.IsInstruction) continue;
            var labels = await ratings.FindAsync(output.Prompt, output.Output, cancellationToken);
            if (labels.Count == 0) continue;
            result[i] = new SampleLabel
            {
                Likert = MedianLikert(labels),
                Flags = MajorityFlags(labels),
                Reasons = [$"{labels.Count} human label(s) by {string.Join(", ", labels.Select(l => l.Labeler).Distinct())}"],
            };
        }
        return result;
    }

    public async Task<PairwiseVerdict> CompareAsync(JudgedPair pair, CancellationToken cancellationToken)
    {
        var model = MedianLikert(await ratings.FindAsync(pair.Output.Prompt, pair.Output.Output, cancellationToken));
        var baseline = MedianLikert(await ratings.FindAsync(pair.Baseline.Prompt, pair.Baseline.Output, cancellationToken));
        if (model is null || baseline is null)
            return new PairwiseVerdict(null, "no human Likert score for one of the outputs");
        var result = model > baseline ? PairwiseResult.Win : model == baseline ? PairwiseResult.Tie : PairwiseResult.Loss;
        return new PairwiseVerdict(result, $"human median Likert {model} vs {baseline}");
    }

    /// <summary>The median of the labels' Likert scores; between two middle scores, the mean rounded half away from zero.</summary>
    internal static int? MedianLikert(IReadOnlyList<HumanRating> labels)
    {
        var scores = labels.Where(l => l.Likert is not null).Select(l => l.Likert!.Value).Order().ToArray();
        if (scores.Length == 0) return null;
        var middle = scores.Length / 2;
        return scores.Length % 2 == 1
            ? scores[middle]
            : (int)Math.Round((scores[middle - 1] + scores[middle]) / 2.0, MidpointRounding.AwayFromZero);
    }

    /// <summary>Each flag some label gives, true when more than half of the labels that give it say so.</summary>
    internal static IReadOnlyDictionary<string, bool> MajorityFlags(IReadOnlyList<HumanRating> labels) =>
        labels.SelectMany(l => l.Flags)
            .GroupBy(f => f.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(f => f.Value) * 2 > g.Count(), StringComparer.Ordinal);
}
