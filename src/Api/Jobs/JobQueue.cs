using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Threading.Channels;
using InstructGpt.Api.Errors;
using InstructGpt.Api.Hosting;
using Microsoft.Extensions.Options;

namespace InstructGpt.Api.Jobs;

/// <summary>
/// Accepts jobs, keeps them in the database and in a bounded channel that <see cref="JobWorker"/> reads, and
/// cancels them. The database opens (and the jobs a stopped server left behind are recovered, see
/// <see cref="JobRecovery"/>) once, on first use, whichever comes first: a request, the worker or the first-run launcher.
/// </summary>
public sealed class JobQueue
{
    private readonly Channel<string> channel;
    private readonly Lazy<Task<JobStore>> ready;
    private readonly ConcurrentDictionary<string, CancellationTokenSource> running = new();
    private readonly ILogger<JobQueue> logger;
    private int queued;

    public JobQueue(IOptions<DataOptions> data, IOptions<JobsOptions> options, JobBoard board, IEnumerable<IJobRunner> runners,
        ILogger<JobQueue> logger)
    {
        this.logger = logger;
        Board = board;
        Options = options.Value;
        channel = Channel.CreateBounded<string>(new BoundedChannelOptions(Options.QueueCapacity) { SingleWriter = false, SingleReader = false });
        var databasePath = Path.Combine(data.Value.FullHome, JobStore.DatabaseFileName);
        ready = new Lazy<Task<JobStore>>(async () =>
        {
            var store = await JobStore.OpenAsync(databasePath);
            var toRun = new JobRecovery(store, Options, runners, logger).Recover();
            foreach (var id in toRun)
            {
                if (channel.Writer.TryWrite(id)) Interlocked.Increment(ref queued);
                else logger.LogWarning("Job {JobId} stays queued in the database: the queue is full (Jobs:QueueCapacity); it runs after the next start", id);
            }
            return store;
        });
    }

    public JobBoard Board { get; }
    public JobsOptions Options { get; }
    public ChannelReader<string> Reader => channel.Reader;
    public int QueuedCount => Volatile.Read(ref queued);

    /// <summary>The store, after the database has been opened and migrated and the previous run's jobs recovered.</summary>
    public Task<JobStore> StoreAsync() => ready.Value;

    /// <summary>Stores a new job (with <paramref name="id"/>, or a new one) and queues it; 429 when the queue is full.</summary>
    public async Task<JobRecord> SubmitAsync(JobKind kind, string? stage, string requestJson, string? id = null)
    {
        var store = await StoreAsync();
        if (QueuedCount >= Options.QueueCapacity)
            throw new JobQueueFullException($"{QueuedCount} jobs are waiting, the most Jobs:QueueCapacity allows; retry when one has started.");
        var job = store.Create(new JobRecord { Id = id ?? NewId(kind), Kind = kind, Stage = stage, RequestJson = requestJson });
        logger.LogInformation("Job {JobId} ({Kind} {Stage}) queued", job.Id, kind.ToName(), stage ?? "stages");
        Enqueue(job.Id);
        return job;
    }

    private void Enqueue(string id)
    {
        if (!channel.Writer.TryWrite(id)) throw new JobQueueFullException($"The job queue is full (Jobs:QueueCapacity = {Options.QueueCapacity}).");
        Interlocked.Increment(ref queued);
    }

    /// <summary>Called by the worker when it takes a job off the channel.</summary>
    internal void Dequeued() => Interlocked.Decrement(ref queued);

    /// <summary>
    /// Cancels a job: a queued one is cancelled at once; a running one stops at its next step boundary, keeping its
    /// resumable state. Null when there is no such job.
    /// </summary>
    public async Task<JobRecord?> CancelAsync(string id)
    {
        var store = await StoreAsync();
        var job = store.RequestCancel(id);
        if (job is null) return null;
        if (job.Status == JobStatus.Running && running.TryGetValue(id, out var cancellation))
        {
            logger.LogInformation("Job {JobId} cancel requested; it stops at its next step boundary", id);
            await cancellation.CancelAsync();
        }
        else if (job.Status == JobStatus.Cancelled) Board.SetStatus(id, JobStatus.Cancelled);
        return job;
    }

    /// <summary>The job's cancellation while it runs (linked to the server's shutdown).</summary>
    internal CancellationTokenSource Started(string id, CancellationToken stopping)
    {
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        running[id] = cancellation;
        return cancellation;
    }

    internal void Ended(string id)
    {
        if (running.TryRemove(id, out var cancellation)) cancellation.Dispose();
    }

    /// <summary>"trainjob-", "pipeline-", "lb-" or "eval-" and 24 random hex digits, as OpenAI's job ids look.</summary>
    public static string NewId(JobKind kind) => kind switch
    {
        JobKind.Training => "trainjob-",
        JobKind.Pipeline => "pipeline-",
        JobKind.Labeling => "lb-",
        _ => "eval-",
    } + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
