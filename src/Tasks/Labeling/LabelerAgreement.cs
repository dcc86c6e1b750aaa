
namespace InstructGpt.Tasks.Labeling;

/// <summary>
/// Inter-labeler agreement as InstructGPT reports it (§5.4, Appendix B.3: 72.6 ± 1.5% among training labelers):
/// each labeler ranks the K outputs of a prompt; every pair of distinct outputs of that prompt is one
/// comparison; the labelers agree on it when they prefer the same output (or both tie it).
/// </summary>
public static class LabelerAgreement
{
    public static AgreementResult Measure(SimulatedLabeler first, SimulatedLabeler second,
        IEnumerable<(PromptTask Task, IReadOnlyList<string> Outputs)> items)
    {
        var pairs = 0;
        var agreements = 0;
        foreach (var (task, outputs) in items)
        {
            var a = first.Rank(task, outputs);
            var b = second.Rank(task, outputs);
            for (var i = 0; i < outputs.Count; i++)
            {
                for (var j = i + 1; j < outputs.Count; j++)
                {
                    if (outputs[i] == outputs[j]) continue;
                    pairs++;
                    if (Math.Sign(a.RankOf(i) - a.RankOf(j)) == Math.Sign(b.RankOf(i) - b.RankOf(j))) agreements++;
                }
            }
        }
        return new AgreementResult(pairs, agreements);
    }
}
