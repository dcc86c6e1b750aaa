using InstructGpt.Api.Hosting;
using InstructGpt.Api.Serving;
using Microsoft.Extensions.Options;

namespace InstructGpt.Api.Jobs;

public static class JobsExtensions
{
    /// <summary>The job queue and its worker, the job store, progress gauges, and the first-run pipeline launcher.</summary>
    public static WebApplicationBuilder AddTrainingJobs(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new JobRequestValidator(sp.GetRequiredService<IOptions<DataOptions>>().Value.FullHome));
        services.AddSingleton<JobBoard>();
        services.AddSingleton<JobQueue>();
        services.AddSingleton<PendingCheckpoints>();
        services.AddSingleton<PreparedStagePlans>();
        services.AddSingleton<IJobRunner, TrainingJobRunner>();
        services.AddSingleton<IJobRunner, PipelineJobRunner>();
        services.AddSingleton<JobExecutor>();
        services.AddSingleton<CheckpointPublisher>();
        services.AddSingleton(sp => new JobMetrics(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), sp.GetRequiredService<JobBoard>(),
            () => sp.GetRequiredService<JobQueue>().QueuedCount));
        services.AddSingleton<IDefaultPipelineLauncher, DefaultPipelineJobLauncher>();
        services.AddHostedService<JobWorker>();
        return builder;
    }

    /// <summary>The endpoints; also creates the gauges, so /metrics has them from the first scrape.</summary>
    public static IEndpointRouteBuilder MapTrainingJobsApi(this IEndpointRouteBuilder app)
    {
        app.ServiceProvider.GetRequiredService<JobMetrics>();
        return app.MapJobsApi();
    }
}
