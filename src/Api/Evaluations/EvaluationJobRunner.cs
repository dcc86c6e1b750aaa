using System.Text.Json;
using InstructGpt.Api.Errors;
using InstructGpt.Api.Jobs;
using InstructGpt.Evaluation.Runs;
using Microsoft.Extensions.Options;

namespace InstructGpt.Api.Evaluations;

/// <summary>
/// Runs an evaluation job: the accepted spec becomes the runner's request with the job's id as the run's id, so the job and its run
/// in evaluation_runs are one evaluation, and a job resumed after a restart resumes its run (the runner skips what is stored).
/// Runs on the job's dedicated thread, continuations included (<see cref="SingleThreadSynchronizationContext"/>).
/// </summary>
public sealed class EvaluationJobRunner(EvaluationRequestValidator validator, EvaluationDatabase database, EvaluationApiKeys apiKeys,
    IOptions<JobsOptions> jobs, ILogger<EvaluationJobRunner> logger) : IJobRunner
{
    public JobKind Kind => JobKind.Evaluation;

    public string CancelledNote => "cancelled by request; the outputs and labels made so far stay in the database";

    private const string LostApiKey = "the llm judge's API key is held in this server's memory only, and a restart lost it; submit the evaluation again";

    public IReadOnlyList<string> Run(JobRun run)
    {
        var (job, cancellation) = (run.Job, run.Cancellation);
        try
        {
            var spec = JobSpecJson.Read<EvaluationSpec>(job.RequestJson);
            var apiKey = apiKeys.Get(job.Id);
            if (spec.Llm is { ApiKeyGiven: true } && apiKey is null) throw new InvalidRequestException(LostApiKey, "llm.api_key");
            var request = validator.ToRunRequest(spec, job.Id, apiKey) with { Device = jobs.Value.TrainingDevice };
            var result = SingleThreadSynchronizationContext.Run(async () =>
                await new EvaluationRunner(await database.StoreAsync()).RunAsync(request, new EvaluationProgressRelay(run.Progress()), cancellation));
            var counts = result.Counts;
            logger.LogInformation("Evaluation {Id}: {Generated} outputs generated, {Reused} reused, {Labels} labels, {Comparisons} comparisons, " +
                "{Documents} documents scored, {Unreadable} judge replies unreadable", job.Id, counts.OutputsGenerated, counts.OutputsReused,
                counts.SamplesRecorded, counts.JudgmentsRecorded, counts.DocumentsScored, counts.VerdictsUnreadable);
            return [];
        }
        finally
        {
            // A run resumes only after a restart, and a restart has lost the key anyway.
            apiKeys.Forget(job.Id);
        }
    }

    public string? WhyNotResumable(JobRecord job)
    {
        try
        {
            var spec = JobSpecJson.Read<EvaluationSpec>(job.RequestJson);
            if (spec.Llm is { ApiKeyGiven: true } && apiKeys.Get(job.Id) is null) return LostApiKey;
            validator.ToRunRequest(spec, job.Id, null);
            return null;
        }
        catch (Exception e) when (e is InvalidRequestException or JsonException or InvalidDataException)
        {
            return e.Message;
        }
    }
}
