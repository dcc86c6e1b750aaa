using System.Diagnostics;
using System.Threading.Channels;
using InstructGpt.Inference.Engine;
using InstructGpt.Inference.Generation;
using InstructGpt.Inference.Model;
using InstructGpt.Inference.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Serving;

/// <summary>
/// Serves one loaded model with continuous batching (Yu et al., 2022, "Orca"; vLLM's scheduler): one decode
/// thread runs a loop in which requests join and leave the running batch between decode steps.
/// <list type="bullet">
/// <item>Join: a waiting request's prompts are prefilled on their own (left-padded together), the rows are
/// repeated for its n samples, and their KV cache is merged into the running one with
/// <see cref="KvCache.Concat"/>, right-aligned so that every row's next token goes into the same column.</item>
/// <item>Step: one token is sampled for every row, each with its own temperature, top-k, top-p and seeded
/// generator (<see cref="TokenSampler"/>), and all rows are decoded in one forward pass.</item>
/// <item>Leave: finished and cancelled rows are dropped with <see cref="KvCache.SelectRows"/>. When the
/// write position reaches the context, or padding left behind by departed rows dominates, the cache is
/// compacted (<see cref="KvCache.Compact"/>).</item>
/// </list>
/// Requests wait in a queue bounded by <see cref="SchedulerOptions.QueueCapacity"/>; a full queue is
/// refused at once with <see cref="SchedulerQueueFullException"/>. A cancelled request leaves the queue
/// immediately, or the batch at the next step.
/// </summary>
public sealed partial class ContinuousBatchScheduler : IDisposable
{
    private readonly GptLanguageModel model;
    private readonly ITokenizer tokenizer;
    private readonly SchedulerOptions options;
    private readonly ServingMetrics? metrics;
    // Unbounded as a channel because cancelled requests may still sit in it; the number of live waiting
    // requests is bounded by the 'queued' count, checked before every write.
    private readonly Channel<ScheduledRequest> queue = Channel.CreateUnbounded<ScheduledRequest>(new() { SingleReader = true });
    private readonly List<ScheduledRequest> pending = []; // decode thread only
    private readonly GenerationBatch<ScheduledSequence> batch;
    private readonly Thread thread;
    private readonly CancellationTokenSource stopping = new();
    private readonly Device device;
    private int queued, active, maxBatch, disposed;
    private long steps, prefills, generated, completed, cancelled, failed, compactions;

    public ContinuousBatchScheduler(string name, GptLanguageModel model, ITokenizer tokenizer, SchedulerOptions? options = null, ServingMetrics? metrics = null)
    {
        Name = name;
        this.model = model;
        this.tokenizer = tokenizer;
        this.options = (options ?? new SchedulerOptions()).Validate();
        this.metrics = metrics;
        device = model.transformer.wte.weight!.device;
        // The shared cache holds the whole context, so any admitted sequence fits after compaction.
        batch = new GenerationBatch<ScheduledSequence>(model, new GenerationBatchOptions(SharedCapacity: model.Config.NPositions));
        thread = new Thread(Run) { IsBackground = true, Name = $"decode {name}" };
        thread.Start();
        metrics?.Register(this);
    }

    public string Name { get; }
    public GptConfig Config => model.Config;
    public SchedulerOptions Options => options;

    public SchedulerStatistics Statistics => new(
        Volatile.Read(ref queued), Volatile.Read(ref active), Volatile.Read(ref maxBatch), Interlocked.Read(ref steps),
        Interlocked.Read(ref prefills), Interlocked.Read(ref generated), Interlocked.Read(ref completed),
        Interlocked.Read(ref cancelled), Interlocked.Read(ref failed), Interlocked.Read(ref compactions));

    /// <summary>
    /// Queues a request. Returns at once; the result arrives on the returned stream. Cancelling
    /// <paramref name="cancellation"/> (a client that went away) removes the request wherever it is.
    /// </summary>
    /// <exception cref="ArgumentException">A field is out of range; <see cref="ArgumentException.ParamName"/> names it.</exception>
    /// <exception cref="SchedulerQueueFullException">Too many requests are waiting.</exception>
    public GenerationStream Submit(GenerationRequest request, bool stream = false, CancellationToken cancellation = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        var promptIds = Validate(request);
        if (Interlocked.Increment(ref queued) > options.QueueCapacity)
        {
            Interlocked.Decrement(ref queued);
            throw new SchedulerQueueFullException(Name, options.QueueCapacity);
        }
        var scheduled = new ScheduledRequest(request, promptIds, stream, cancellation);
        scheduled.Registration = cancellation.Register(static state =>
        {
            var (scheduler, r) = ((ContinuousBatchScheduler, ScheduledRequest))state!;
            scheduler.Cancel(r);
        }, (this, scheduled));
        if (!queue.Writer.TryWrite(scheduled))
        {
            if (scheduled.TryTransition(ScheduledRequest.Queued, ScheduledRequest.Cancelled))
            {
                Interlocked.Decrement(ref queued);
                scheduled.End(new ObjectDisposedException(nameof(ContinuousBatchScheduler), $"model '{Name}' was unloaded"));
            }
        }
        return scheduled.Stream;
    }

    private int[][] Validate(GenerationRequest request)
    {
        var o = request.Options.Validate();
        return PromptBatch.Check(request.Prompts, o.MaxTokens, Math.Min(model.Config.VocabSize, tokenizer.VocabSize), model.Config.NPositions, tokenizer.EndOfTextId);
    }

    private void Cancel(ScheduledRequest r)
    {
        r.CancelRequested = true;
        if (!r.TryTransition(ScheduledRequest.Queued, ScheduledRequest.Cancelled)) return; // running: dropped at the next step
        Interlocked.Decrement(ref queued);
        Interlocked.Increment(ref cancelled);
        r.End(new OperationCanceledException(r.CancellationToken));
    }

    private void Run()
    {
        using var noGrad = torch.no_grad();
        while (!stopping.IsCancellationRequested)
        {
            if (batch.Count == 0 && pending.Count == 0 && !WaitForWork()) break;
            while (queue.Reader.TryRead(out var r)) pending.Add(r);
            Admit();
            if (batch.Count > 0) Step();
        }
        Shutdown();
    }

    private bool WaitForWork()
    {
        try
        {
            return queue.Reader.WaitToReadAsync(stopping.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Moves waiting requests into the batch, first come first served, while they fit.</summary>
    private void Admit()
    {
        pending.RemoveAll(r => r.State != ScheduledRequest.Queued);
        while (pending.Count > 0)
        {
            var r = pending[0];
            if (batch.Count > 0 && batch.Count + r.Request.SequenceCount > options.MaxBatchSize) break;
            pending.RemoveAt(0);
            if (!r.TryTransition(ScheduledRequest.Queued, ScheduledRequest.Running)) continue;
            Interlocked.Decrement(ref queued);
            try
            {
                Prefill(r);
            }
            catch (Exception e)
            {
                if (r.TryTransition(ScheduledRequest.Running, ScheduledRequest.Done))
                {
                    Interlocked.Increment(ref failed);
                    r.End(e);
                }
            }
        }
        Volatile.Write(ref active, batch.Count);
    }

    private void Step()
    {
        try
        {
            StepBatch();
        }
        catch (Exception e)
        {
            // A failure inside the model ends every request in the batch, never the decode thread.
            foreach (var r in batch.Rows.Select(s => s.Owner).Distinct().ToList())
                if (r.TryTransition(ScheduledRequest.Running, ScheduledRequest.Done))
                {
                    Interlocked.Increment(ref failed);
                    r.End(e);
                }
            batch.Clear();
            Volatile.Write(ref active, 0);
        }
    }

    private void StepBatch()
    {
        using var scope = torch.NewDisposeScope();
        var sequences = batch.Rows.ToList();
        var count = sequences.Count;
        if (count > Volatile.Read(ref maxBatch)) Volatile.Write(ref maxBatch, count);
        // Log-probabilities are computed for the whole batch when any request asks for them, with the most top entries asked.
        int? logprobs = sequences.Any(s => s.Owner.Options.Logprobs.HasValue) ? sequences.Max(s => s.Owner.Options.Logprobs ?? 0) : null;
        var appended = batch.Sample(logprobs);

        var now = Stopwatch.GetTimestamp();
        var continuing = 0;
        var finished = new List<ScheduledRequest>();
        foreach (var s in appended)
        {
            var owner = s.Owner;
            if (!owner.FirstTokenSeen)
            {
                owner.FirstTokenSeen = true;
                metrics?.RecordTimeToFirstToken(Name, Stopwatch.GetElapsedTime(owner.SubmittedAt, now));
            }
            else if (s.LastTokenAt != 0)
                metrics?.RecordInterTokenLatency(Name, Stopwatch.GetElapsedTime(s.LastTokenAt, now));
            s.LastTokenAt = now;
            if (owner.Streaming && s.Release(tokenizer) is { } delta) owner.Publish(delta);
            if (!s.State.Finished) continuing++;
            else if (owner.SequenceFinished()) finished.Add(owner);
        }
        Interlocked.Add(ref generated, appended.Count);
        metrics?.RecordGeneratedTokens(Name, appended.Count);
        Volatile.Write(ref active, continuing); // before any request completes, so its caller sees it gone

        foreach (var r in sequences.Select(s => s.Owner).Where(o => o.CancelRequested).Distinct())
            if (r.TryTransition(ScheduledRequest.Running, ScheduledRequest.Cancelled))
            {
                Interlocked.Increment(ref cancelled);
                r.End(new OperationCanceledException(r.CancellationToken));
            }
        foreach (var r in finished) Finish(r);

        if (batch.Advance()) Interlocked.Increment(ref compactions);
        if (batch.Count > 0) Interlocked.Increment(ref steps);
    }

    private void Finish(ScheduledRequest r)
    {
        if (r.State != ScheduledRequest.Running) return; // cancelled in the same step
        var sequences = r.Sequences.Select(s => s.Result(tokenizer)).ToList();
        var result = new GenerationResult(sequences, r.Stream.PromptTokens, r.Sequences.Sum(s => s.Sampled));
        metrics?.RecordRequest(Name, result);
        Interlocked.Increment(ref completed);
        r.Complete(result);
    }

    private void Shutdown()
    {
        var unloaded = new ObjectDisposedException(nameof(ContinuousBatchScheduler), $"model '{Name}' was unloaded");
        while (queue.Reader.TryRead(out var r)) pending.Add(r);
        foreach (var r in pending)
            if (r.TryTransition(ScheduledRequest.Queued, ScheduledRequest.Cancelled))
            {
                Interlocked.Decrement(ref queued);
                r.End(unloaded);
            }
        pending.Clear();
        foreach (var r in batch.Rows.Select(s => s.Owner).Distinct().ToList())
            if (r.TryTransition(ScheduledRequest.Running, ScheduledRequest.Done))
                r.End(unloaded);
        batch.Dispose();
        Volatile.Write(ref active, 0);
    }

    /// <summary>Stops the decode thread; requests still queued or running end with <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        metrics?.Unregister(this);
        queue.Writer.TryComplete();
        stopping.Cancel();
        if (Thread.CurrentThread != thread) thread.Join();
        stopping.Dispose();
    }
}
