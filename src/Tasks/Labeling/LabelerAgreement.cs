namespace InstructGpt.Tasks.Labeling;

/// <summary>
/// Inter-labeler agreement as InstructGPT reports it (§5.4, Appendix B.3: 72.6 ± 1.5% among training labelers):
/// each labeler ranks the K outputs of a prompt; every pair of distinct outputs of that prompt is one
/// comparison; the labelers agree on it when they prefer the same output (or both tie it). <see cref="Compare"/> is the
/// one definition, used for simulated labelers here and for people's rankings by the API.
/// </summary>
public static class LabelerAgreement
{
    public static AgreementResult Measure(SimulatedLabeler first, SimulatedLabeler second,
        IEnumerable<(PromptTask Task, IReadOnlyList<string> Outputs)> items)
    {
        var total = new AgreementResult(0, 0);
        foreach (var (task, outputs) in items)
            total += Compare(first.Rank(task, outputs).RanksByOutput(), second.Rank(task, outputs).RanksByOutput(), outputs);
        return total;
    }

    /// <summary>
    /// Two labelers' rankings of one prompt's outputs, each given as the rank of every output (1 = best, equal ranks tied), in
    /// the outputs' order. A pair of outputs with the same text is no comparison: no one can prefer a text over itself.
    /// </summary>
    public static AgreementResult Compare(IReadOnlyList<int> first, IReadOnlyList<int> second, IReadOnlyList<string> outputs)
    {
        if (first.Count != outputs.Count || second.Count != outputs.Count)
            throw new ArgumentException($"each ranking needs one rank per output ({outputs.Count}), got {first.Count} and {second.Count}", nameof(outputs));
        var pairs = 0;
        var agreements = 0;
        for (var i = 0; i < outputs.Count; i++)
        {
            for (var j = i + 1; j < outputs.Count; j++)
            {
                if (outputs[i] == outputs[j]) continue;
                pairs++;
                if (Math.Sign(first[i] - first[j]) == Math.Sign(second[i] - second[j])) agreements++;
            }
        }
        return new AgreementResult(pairs, agreements);
    }
}
