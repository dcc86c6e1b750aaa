using InstructGpt.Api.Serving;
using Microsoft.Extensions.Options;

namespace InstructGpt.Api.Jobs;

/// <summary>
/// What ./run.sh does on an empty data directory: queue the default pipeline (preset Serving:DefaultPipelinePreset,
/// tiny unless set) as a job, so base, sft, rm, ppo and ppo-ptx become servable one by one while GET /v1/pipelines
/// shows the progress. Idempotent: when a pipeline is already queued or running (say, resumed after a restart),
/// nothing new is queued.
/// </summary>
public sealed class DefaultPipelineJobLauncher(JobQueue queue, JobRequestValidator validator, IOptions<ServingOptions> serving,
    ILogger<DefaultPipelineJobLauncher> logger) : IDefaultPipelineLauncher
{
    public async Task LaunchAsync(CancellationToken cancellationToken)
    {
        var store = await queue.StoreAsync();
        if (store.WithStatus(JobStatus.Queued, JobStatus.Running).FirstOrDefault(j => j.Kind == JobKind.Pipeline) is { } active)
        {
            logger.LogInformation("The default pipeline is already {Status} as job {JobId}; not queueing another", active.Status.ToName(), active.Id);
            return;
        }
        var spec = validator.Validate(new PipelineRequest { Preset = serving.Value.DefaultPipelinePreset });
        var job = await queue.SubmitAsync(JobKind.Pipeline, null, JobSpecJson.Write(spec));
        logger.LogInformation("Queued the default {Preset} pipeline as job {JobId}; follow it at /v1/pipelines/{JobId}", spec.Preset, job.Id, job.Id);
    }
}
