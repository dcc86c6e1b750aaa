using InstructGpt.Training.Pipeline;

namespace InstructGpt.Api.Jobs;

/// <summary>
/// The stage plans prepared when training jobs were accepted, kept in memory until the worker takes them, so that a
/// job reads and validates its datasets once, at POST, instead of again when it starts. The job's request_json stays
/// the durable form: a job whose plan is not here (the server restarted, a checkpoint it starts from was still to be
/// published at POST, the holder evicted it) or whose inputs changed while it waited is prepared again from it.
/// </summary>
public sealed class PreparedStagePlans
{
    /// <summary>Plans hold whole datasets in memory; past this many, the oldest is dropped (its job prepares again).</summary>
    public const int Capacity = 8;

    private readonly Lock gate = new();
    private readonly Dictionary<string, (StagePlan Plan, IReadOnlyList<InputStamp> Stamps)> plans = new(StringComparer.Ordinal);
    /// <summary>Held job ids, oldest first.</summary>
    private readonly List<string> order = [];

    public int Count
    {
        get { lock (gate) return plans.Count; }
    }

    /// <summary>Keeps <paramref name="plan"/> for job <paramref name="jobId"/>, with the size and write time of every file it read.</summary>
    public void Hold(string jobId, StagePlan plan)
    {
        var stamps = plan.InputFiles.Distinct().Select(InputStamp.Of).ToList();
        lock (gate)
        {
            order.Remove(jobId);
            order.Add(jobId);
            plans[jobId] = (plan, stamps);
            while (order.Count > Capacity)
            {
                plans.Remove(order[0]);
                order.RemoveAt(0);
            }
        }
    }

    /// <summary>The job's plan, removed from the holder; null when none is held or one of its inputs has changed since.</summary>
    public StagePlan? Take(string jobId)
    {
        (StagePlan Plan, IReadOnlyList<InputStamp> Stamps) held;
        lock (gate)
        {
            order.Remove(jobId);
            if (!plans.Remove(jobId, out held)) return null;
        }
        return held.Stamps.All(s => s.IsCurrent) ? held.Plan : null;
    }

    /// <summary>Drops the job's plan (it was not queued after all, or it was cancelled while it waited).</summary>
    public void Forget(string jobId)
    {
        lock (gate)
        {
            order.Remove(jobId);
            plans.Remove(jobId);
        }
    }
}
