using InstructGpt.Api.Jobs;
using Microsoft.AspNetCore.OpenApi;

namespace InstructGpt.Api.Evaluations;

public static class EvaluationsExtensions
{
    /// <summary>Evaluations as a kind of job in the training job queue (<see cref="JobsExtensions.AddTrainingJobs"/> must be added too).</summary>
    public static WebApplicationBuilder AddEvaluations(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EvaluationsOptions>().BindConfiguration(EvaluationsOptions.Section);
        services.AddSingleton<EvaluationDatabase>();
        services.AddSingleton<EvaluationApiKeys>();
        services.AddSingleton<EvaluationRequestValidator>();
        services.AddSingleton<EvaluationCatalog>();
        services.AddSingleton<IJobRunner, EvaluationJobRunner>();
        services.Configure<OpenApiOptions>("v1", options => options.AddOperationTransformer(TextExample.Apply));
        return builder;
    }
}
