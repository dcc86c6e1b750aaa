using InstructGpt.Api.Jobs;
using InstructGpt.Evaluation.Reports;
using InstructGpt.Evaluation.Runs;

namespace InstructGpt.Api.Evaluations;

/// <summary>Finds evaluations: the evaluation jobs of the job queue, and the runs <c>instructgpt eval</c> stored in the same database.</summary>
public sealed class EvaluationCatalog(JobQueue queue, EvaluationDatabase database)
{
    public JobQueue Queue => queue;

    public Task<InstructGpt.Evaluation.Storage.EvaluationStore> StoreAsync() => database.StoreAsync();

    public async Task<EvaluationEntry?> FindAsync(string id)
    {
        if (!RunIds.IsValid(id)) return null;
        var job = (await queue.StoreAsync()).Get(id) is { Kind: JobKind.Evaluation } found ? found : null;
        var run = await (await database.StoreAsync()).GetRunAsync(id);
        return job is null && run is null ? null : new EvaluationEntry(job, run);
    }

    /// <summary>The newest <paramref name="limit"/> evaluations, and whether there are more.</summary>
    public async Task<(IReadOnlyList<EvaluationEntry> Entries, bool HasMore)> ListAsync(int limit)
    {
        // Every evaluation job, to tell a job's run from a CLI run; evaluations are few next to what a database holds.
        var jobs = (await queue.StoreAsync()).List(JobKind.Evaluation, int.MaxValue);
        var runs = (await (await database.StoreAsync()).ListRunsAsync()).ToDictionary(r => r.Id, StringComparer.Ordinal);
        var jobIds = jobs.Select(j => j.Id).ToHashSet(StringComparer.Ordinal);
        var entries = jobs.Select(j => new EvaluationEntry(j, runs.GetValueOrDefault(j.Id)))
            .Concat(runs.Values.Where(r => !jobIds.Contains(r.Id)).Select(r => new EvaluationEntry(null, r)))
            .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id, StringComparer.Ordinal)
            .Take(limit + 1).ToList();
        return (entries.Take(limit).ToList(), entries.Count > limit);
    }

    /// <summary>The report of a completed evaluation, drawn from its stored aggregates; null before then.</summary>
    public async Task<EvaluationReport?> ReportAsync(EvaluationEntry entry)
    {
        if (!entry.HasReport) return null;
        var store = await database.StoreAsync();
        return EvaluationReport.Create(entry.Run!, await store.ListAggregatesAsync(entry.Id));
    }
}
