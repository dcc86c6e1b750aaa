namespace InstructGpt.Api.Jobs;

/// <summary>
/// At start-up, settles the jobs a previous server process left behind. A job still marked running was cut short
/// (the process stopped or died): its stage saved resumable state at its last checkpoint or at the stop, and a
/// pipeline skips the stages it finished, so by default it is queued again and continues from there. When
/// Jobs:ResumeOnRestart is false, or the request no longer validates (its starting checkpoint or dataset is gone),
/// it is marked interrupted with the reason. Queued jobs are queued again in their order.
/// </summary>
public sealed class JobRecovery(JobStore store, JobsOptions options, IEnumerable<IJobRunner> runners, ILogger logger)
{
    /// <returns>The ids to put in the channel, oldest first.</returns>
    public IReadOnlyList<string> Recover()
    {
        foreach (var job in store.WithStatus(JobStatus.Running))
        {
            if (job.CancelRequested)
            {
                store.Finish(job.Id, JobStatus.Cancelled, "cancelled; the server stopped before the job reached a step boundary");
                logger.LogInformation("Job {JobId} running → cancelled (cancel requested before the server stopped)", job.Id);
                continue;
            }
            if (!options.ResumeOnRestart)
            {
                store.Finish(job.Id, JobStatus.Interrupted,
                    "the server stopped while the job was running, and Jobs:ResumeOnRestart is false; submit it again to continue from its saved state");
                logger.LogWarning("Job {JobId} running → interrupted (Jobs:ResumeOnRestart is false)", job.Id);
                continue;
            }
            if (WhyNotResumable(job) is { } problem)
            {
                store.Finish(job.Id, JobStatus.Interrupted, $"the server stopped while the job was running, and it cannot resume: {problem}");
                logger.LogWarning("Job {JobId} running → interrupted: cannot resume: {Problem}", job.Id, problem);
                continue;
            }
            store.Requeue(job.Id, $"resumed from its saved state after a server restart (start {job.Attempts + 1})");
            logger.LogInformation("Job {JobId} running → queued: resumes from its saved state after a server restart", job.Id);
        }
        return store.WithStatus(JobStatus.Queued).Select(j => j.Id).ToList();
    }

    /// <summary>Null when the job's request still holds (its runner checks it); otherwise what is wrong with it now.</summary>
    private string? WhyNotResumable(JobRecord job) => runners.Single(r => r.Kind == job.Kind).WhyNotResumable(job);
}
