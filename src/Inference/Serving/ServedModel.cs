using InstructGpt.Inference.Checkpoints;
using InstructGpt.Inference.Model;
using InstructGpt.Inference.Tokenization;

namespace InstructGpt.Inference.Serving;

/// <summary>
/// One version of a checkpoint in memory with its tokenizer and scheduler. Requests hold it through a
/// <see cref="ModelLease"/>; when a newer version replaces it, it is retired and freed once the last lease
/// ends, so requests that started on it finish on it.
/// </summary>
public sealed class ServedModel
{
    private readonly object gate = new();
    private int leases;
    private bool retired, disposed;

    internal ServedModel(string name, CheckpointVersion version, Checkpoint checkpoint, GptLanguageModel model, ITokenizer tokenizer, ContinuousBatchScheduler scheduler)
    {
        Name = name;
        Version = version;
        Checkpoint = checkpoint;
        Model = model;
        Tokenizer = tokenizer;
        Scheduler = scheduler;
    }

    public string Name { get; }
    public CheckpointVersion Version { get; }
    public Checkpoint Checkpoint { get; }
    public GptLanguageModel Model { get; }
    public ITokenizer Tokenizer { get; }
    public ContinuousBatchScheduler Scheduler { get; }
    public DateTimeOffset LoadedAt { get; } = DateTimeOffset.UtcNow;

    public int ActiveLeases
    {
        get { lock (gate) return leases; }
    }

    internal bool TryLease()
    {
        lock (gate)
        {
            if (retired) return false;
            leases++;
            return true;
        }
    }

    internal void Release()
    {
        lock (gate)
        {
            leases--;
            if (!retired || leases > 0) return;
        }
        Free();
    }

    /// <summary>No new leases; freed now if none is held, else when the last one ends.</summary>
    internal void Retire()
    {
        lock (gate)
        {
            retired = true;
            if (leases > 0) return;
        }
        Free();
    }

    private void Free()
    {
        lock (gate)
        {
            if (disposed) return;
            disposed = true;
        }
        // Stopping the decode thread waits for its current step, so it never runs on a request's thread.
        ThreadPool.QueueUserWorkItem(_ =>
        {
            Scheduler.Dispose();
            Model.Dispose();
        });
    }
}
