using System.Collections.Concurrent;

namespace InstructGpt.Api.Jobs;

/// <summary>
/// In-memory progress of the jobs this process has run: read by GET (between database writes) and by the
/// Prometheus gauges. Bounded: the oldest finished jobs are forgotten first.
/// </summary>
public sealed class JobBoard
{
    public const int MaxJobs = 64;
    private readonly ConcurrentDictionary<string, (LiveProgress Progress, long Order)> jobs = new();
    private long order;

    public void Update(string id, LiveProgress progress)
    {
        jobs[id] = (progress, Interlocked.Increment(ref order));
        if (jobs.Count <= MaxJobs) return;
        foreach (var (oldId, _) in jobs.Where(j => j.Value.Progress.Status.IsFinished()).OrderBy(j => j.Value.Order).Take(jobs.Count - MaxJobs).ToList())
            jobs.TryRemove(oldId, out _);
    }

    public void SetStatus(string id, JobStatus status)
    {
        if (jobs.TryGetValue(id, out var entry))
            Update(id, entry.Progress with
            {
                Status = status,
                Fraction = status == JobStatus.Succeeded ? 1 : entry.Progress.Fraction,
                EtaSeconds = status.IsFinished() ? null : entry.Progress.EtaSeconds,
                JobEtaSeconds = status.IsFinished() ? null : entry.Progress.JobEtaSeconds
            });
    }

    public LiveProgress? Get(string id) => jobs.TryGetValue(id, out var entry) ? entry.Progress : null;

    public IReadOnlyList<(string Id, LiveProgress Progress)> All => jobs.Select(j => (j.Key, j.Value.Progress)).ToList();
}
