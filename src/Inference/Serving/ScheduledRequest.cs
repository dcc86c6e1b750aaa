using System.Diagnostics;
using System.Threading.Channels;
using InstructGpt.Inference.Generation;
using TorchSharp;

namespace InstructGpt.Inference.Serving;

/// <summary>
/// A request inside a scheduler. Its state moves Queued → Running → Done, or to Cancelled from either; the
/// cancellation callback only ever touches a queued request (a running one is dropped by the decode thread).
/// </summary>
internal sealed class ScheduledRequest
{
    public const int Queued = 0, Running = 1, Done = 2, Cancelled = 3;

    private readonly Channel<SequenceDelta> deltas = Channel.CreateUnbounded<SequenceDelta>(new() { SingleReader = true, SingleWriter = true });
    private readonly TaskCompletionSource<GenerationResult> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<torch.Generator> generators = [];
    private int state = Queued;
    private int unfinished;

    public ScheduledRequest(GenerationRequest request, int[][] promptIds, bool stream, CancellationToken cancellation)
    {
        Request = request;
        PromptIds = promptIds;
        Streaming = stream;
        CancellationToken = cancellation;
        SubmittedAt = Stopwatch.GetTimestamp();
        Stream = new GenerationStream(deltas.Reader, completion.Task, promptIds.Sum(p => p.Length));
    }

    public GenerationRequest Request { get; }
    public SamplingOptions Options => Request.Options;
    public int[][] PromptIds { get; }
    public bool Streaming { get; }
    public CancellationToken CancellationToken { get; }
    public long SubmittedAt { get; }
    public GenerationStream Stream { get; }
    public CancellationTokenRegistration Registration { get; set; }
    public ScheduledSequence[] Sequences { get; private set; } = [];
    public bool FirstTokenSeen { get; set; }

    /// <summary>Set by the cancellation callback; the decode thread drops a running request's rows when it sees it.</summary>
    public volatile bool CancelRequested;

    public int State => Volatile.Read(ref state);

    public bool TryTransition(int from, int to) => Interlocked.CompareExchange(ref state, to, from) == from;

    /// <summary>Takes the random streams of the request's rows, freed when the request ends.</summary>
    public void Own(IEnumerable<torch.Generator> owned) => generators.AddRange(owned);

    public void Start(ScheduledSequence[] sequences)
    {
        Sequences = sequences;
        unfinished = sequences.Length;
    }

    public void Publish(SequenceDelta delta)
    {
        if (Streaming) deltas.Writer.TryWrite(delta);
    }

    /// <summary>Marks one sequence finished; returns true when it was the last.</summary>
    public bool SequenceFinished() => --unfinished == 0;

    /// <summary>Delivers the result; the decode thread calls it after the last sequence finished.</summary>
    public void Complete(GenerationResult result)
    {
        if (!TryTransition(Running, Done)) return;
        Release();
        deltas.Writer.TryComplete();
        completion.TrySetResult(result);
    }

    /// <summary>
    /// Ends the request with an error or a cancellation. The caller has just moved it out of Queued or Running
    /// with <see cref="TryTransition"/>, so exactly one thread gets here.
    /// </summary>
    public void End(Exception error)
    {
        Release();
        deltas.Writer.TryComplete(error);
        if (error is OperationCanceledException) completion.TrySetCanceled(CancellationToken.IsCancellationRequested ? CancellationToken : default);
        else completion.TrySetException(error);
    }

    private void Release()
    {
        Registration.Unregister();
        foreach (var g in generators) g.Dispose();
        generators.Clear();
    }
}
