using InstructGpt.Api.Jobs;

namespace InstructGpt.Api.Labeling;

/// <summary>Finds batches: the labeling jobs of the job queue, with what the labeling tables hold for those that are sampled.</summary>
public sealed class BatchCatalog(JobQueue queue, LabelingStore store)
{
    public JobQueue Queue => queue;

    public async Task<BatchView?> FindAsync(string id)
    {
        if (id.Length > 64 || (await queue.StoreAsync()).Get(id) is not { Kind: JobKind.Labeling } job) return null;
        var states = await store.BatchStatesAsync([id]);
        return new BatchView(job, states.GetValueOrDefault(id), queue.Board.Get(id));
    }

    /// <summary>The newest <paramref name="limit"/> batches, and whether there are more.</summary>
    public async Task<(IReadOnlyList<BatchView> Batches, bool HasMore)> ListAsync(int limit)
    {
        var jobs = (await queue.StoreAsync()).List(JobKind.Labeling, limit + 1);
        var page = jobs.Take(limit).ToArray();
        var states = await store.BatchStatesAsync(page.Select(j => j.Id).ToArray());
        return (page.Select(j => new BatchView(j, states.GetValueOrDefault(j.Id), queue.Board.Get(j.Id))).ToArray(), jobs.Count > limit);
    }
}
