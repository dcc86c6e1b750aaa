using System.Threading.Channels;

namespace InstructGpt.Api.Evaluations;

/// <summary>
/// Runs an async method to its end on the calling thread: every continuation is posted back to it (the "AsyncPump" pattern). The
/// evaluation runner's model work runs between its awaits, so this keeps it on the job's dedicated thread, even after an await that
/// really waits (the llm judge's HTTP calls), instead of letting it continue on a thread-pool thread that requests need.
/// </summary>
public sealed class SingleThreadSynchronizationContext : SynchronizationContext
{
    private readonly Channel<(SendOrPostCallback Callback, object? State)> queue = Channel.CreateUnbounded<(SendOrPostCallback, object?)>(
        new UnboundedChannelOptions { SingleReader = true });

    public static T Run<T>(Func<Task<T>> work)
    {
        var previous = Current;
        var context = new SingleThreadSynchronizationContext();
        SetSynchronizationContext(context);
        try
        {
            var task = work();
            task.ContinueWith(_ => context.queue.Writer.TryComplete(), TaskScheduler.Default);
            while (context.queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
                while (context.queue.Reader.TryRead(out var item)) item.Callback(item.State);
            return task.GetAwaiter().GetResult();
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    public override void Post(SendOrPostCallback d, object? state)
    {
        // A continuation posted after the work has ended (a timer's, say) has nowhere to run here.
        if (!queue.Writer.TryWrite((d, state))) ThreadPool.QueueUserWorkItem(s => d(s), state);
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Synchronous Send would deadlock the evaluation thread; post instead.");

    public override SynchronizationContext CreateCopy() => this;
}
