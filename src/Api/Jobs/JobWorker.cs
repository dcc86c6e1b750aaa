namespace InstructGpt.Api.Jobs;

/// <summary>
/// Takes jobs off the queue and runs them, Jobs:Workers at a time. Training is synchronous libtorch work, so each job
/// runs on a dedicated thread (TaskCreationOptions.LongRunning), never on a thread-pool or request thread; the
/// worker awaits it. At shutdown the running jobs' tokens are cancelled and the worker waits for them to save their
/// state at a step boundary.
/// </summary>
public sealed class JobWorker(JobQueue queue, JobExecutor executor, ILogger<JobWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var store = await queue.StoreAsync();
        if (queue.Options.Workers == 0)
        {
            logger.LogWarning("Jobs:Workers is 0: jobs are accepted and queued, but none runs");
            return;
        }
        await Task.WhenAll(Enumerable.Range(0, queue.Options.Workers).Select(_ => WorkAsync(store, stoppingToken)));
    }

    private async Task WorkAsync(JobStore store, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var id in queue.Reader.ReadAllAsync(stoppingToken))
            {
                queue.Dequeued();
                if (!store.TryStart(id)) continue; // cancelled while it waited
                var job = store.Get(id)!;
                using var scope = logger.BeginScope("job {JobId}", id);
                logger.LogInformation("Job {JobId} ({Kind} {Stage}) queued → running (start {Attempt})", id, job.Kind.ToName(), job.Stage ?? "from its first unfinished stage", job.Attempts);
                var cancellation = queue.Started(id, stoppingToken);
                queue.Board.Update(id, new LiveProgress(job.Kind, job.Stage ?? "", job.Step, job.TotalSteps, job.Fraction, null, null, job.Metrics, JobStatus.Running));
                try
                {
                    await Task.Factory.StartNew(() => executor.Run(store, job, cancellation.Token), CancellationToken.None,
                        TaskCreationOptions.LongRunning, TaskScheduler.Default);
                }
                finally
                {
                    queue.Ended(id);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // the server is stopping; queued jobs stay queued in the database
        }
    }
}
