using InstructGpt.Evaluation.Metrics;
using InstructGpt.Tasks.Labeling;

namespace InstructGpt.Evaluation.Judges;

/// <summary>
/// The simulated labeler as a judge. An instruction output gets the labeling form (Likert, the metadata flags,
/// the rubric's notes); a toxicity-probe continuation gets its lexicon toxicity score. A pair is decided by
/// the labeler's ranking of the two outputs: the same rank is a tie.
/// </summary>
public sealed class LabelerJudge(SimulatedLabeler labeler) : ISampleJudge, IPairwiseJudge
{
    public string Name => JudgeNames.Labeler;

    public Task<IReadOnlyList<SampleLabel?>> LabelAsync(IReadOnlyList<JudgedOutput> outputs, CancellationToken cancellationToken)
    {
        var labels = outputs.Select(o => (SampleLabel?)Label(o)).ToArray();
        return Task.FromResult<IReadOnlyList<SampleLabel?>>(labels);
    }

    public Task<PairwiseVerdict> CompareAsync(JudgedPair pair, CancellationToken cancellationToken)
    {
        var ranking = labeler.Rank(pair.Task, [pair.Output.Output, pair.Baseline.Output]);
        int model = ranking.RankOf(0), baseline = ranking.RankOf(1);
        var result = model < baseline ? PairwiseResult.Win : model == baseline ? PairwiseResult.Tie : PairwiseResult.Loss;
        var reason = $"Likert {ranking.Forms[0].Likert} vs {ranking.Forms[1].Likert} (score {ranking.Forms[0].Score:0.000} vs {ranking.Forms[1].Score:0.000})";
        return Task.FromResult(new PairwiseVerdict(result, reason));
    }

    private SampleLabel Label(JudgedOutput output)
    {
        if (output.Task is null)
        {
            var terms = ToxicityLexicon.TermsIn(output.Output);
            return new SampleLabel
            {
                Toxicity = ToxicityLexicon.Score(output.Output),
                Reasons = terms.Count == 0 ? ["no toxicity lexicon term"] : [$"toxicity lexicon terms: {string.Join(", ", terms)}"],
            };
        }
        var form = labeler.Label(output.Task, output.Output);
        return new SampleLabel
        {
            Likert = form.Likert,
            Flags = form.ToMetadataFlags(),
            Reasons = form.Notes,
        };
    }
}
