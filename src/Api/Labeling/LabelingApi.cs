using InstructGpt.Api.Jobs;

namespace InstructGpt.Api.Labeling;

/// <summary>Human labeling (issue #16): labelers and their tokens, batches sampled as jobs, tasks handed out to labelers, agreement.</summary>
public static class LabelingApi
{
    /// <summary>Labeling batches are a kind of job in the training job queue (<see cref="JobsExtensions.AddTrainingJobs"/> and evaluations must be added too).</summary>
    public static WebApplicationBuilder AddLabeling(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<LabelingOptions>().BindConfiguration(LabelingOptions.Section);
        services.AddSingleton<BatchValidator>();
        services.AddSingleton<BatchCatalog>();
        services.AddSingleton<IJobRunner, BatchJobRunner>();
        return builder;
    }

    public static IEndpointRouteBuilder MapLabelingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/labeling").WithTags("Labeling");
        LabelerApi.Map(group);
        BatchesApi.Map(group);
        return app;
    }
}
