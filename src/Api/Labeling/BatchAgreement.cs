using InstructGpt.Evaluation.Runs;
using InstructGpt.Tasks.Labeling;

namespace InstructGpt.Api.Labeling;

/// <summary>
/// Agreement on a batch as InstructGPT reports it (§5.4, App. B.3), through <see cref="LabelerAgreement.Compare"/>: between
/// people, over the tasks two labelers both ranked; and of each person with the simulated labeler the evaluations judge with
/// (seed <see cref="EvaluationRequest.HeldOutLabelerSeed"/>), which puts people's rankings beside the project's stand-in for them.
/// </summary>
public static class BatchAgreement
{
    public static readonly string ReferenceName = $"simulated labeler (seed {EvaluationRequest.HeldOutLabelerSeed})";

    public static AgreementObject Measure(string batchId, IReadOnlyList<StoredRanking> rankings)
    {
        var byLabeler = rankings.GroupBy(r => r.Labeler, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Labeler: g.Key, Tasks: g.GroupBy(r => r.TaskId).ToDictionary(t => t.Key, t => t.Last()))).ToArray();
        var pairs = new List<LabelerPairAgreement>();
        var overall = new AgreementResult(0, 0);
        var sharedTasks = new HashSet<long>();
        for (var a = 0; a < byLabeler.Length; a++)
        {
            for (var b = a + 1; b < byLabeler.Length; b++)
            {
                var both = byLabeler[a].Tasks.Keys.Where(byLabeler[b].Tasks.ContainsKey).Order().ToArray();
                if (both.Length == 0) continue;
                var result = new AgreementResult(0, 0);
                foreach (var task in both)
                {
                    var (x, y) = (byLabeler[a].Tasks[task], byLabeler[b].Tasks[task]);
                    result += LabelerAgreement.Compare(x.RanksByOutput, y.RanksByOutput, x.Outputs);
                }
                var counts = AgreementCounts.From(both.Length, result);
                pairs.Add(new LabelerPairAgreement([byLabeler[a].Labeler, byLabeler[b].Labeler], counts.Tasks, counts.Pairs, counts.Agreements, counts.Rate));
                overall += result;
                sharedTasks.UnionWith(both);
            }
        }
        var reference = new SimulatedLabeler(new SimulatedLabelerOptions { Seed = EvaluationRequest.HeldOutLabelerSeed });
        var withReference = byLabeler.Select(l =>
        {
            var result = new AgreementResult(0, 0);
            foreach (var ranking in l.Tasks.Values)
                result += LabelerAgreement.Compare(ranking.RanksByOutput, reference.Rank(ranking.Task, ranking.Outputs).RanksByOutput(), ranking.Outputs);
            var counts = AgreementCounts.From(l.Tasks.Count, result);
            return new ReferenceAgreement(l.Labeler, counts.Tasks, counts.Pairs, counts.Agreements, counts.Rate);
        }).ToArray();
        return new AgreementObject(AgreementObject.ObjectName, batchId, AgreementCounts.From(sharedTasks.Count, overall), pairs, ReferenceName, withReference);
    }
}
