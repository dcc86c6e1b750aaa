using InstructGpt.Api.OpenApi;

namespace InstructGpt.Api.Metrics;

public static class MetricsApi
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static WebApplicationBuilder AddApiMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<PrometheusMetrics>();
        return builder;
    }

    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        // Created now, not at the first scrape, so that it sees every request from the start.
        app.ServiceProvider.GetRequiredService<PrometheusMetrics>();
        app.MapGet("/metrics", (PrometheusMetrics metrics) => TypedResults.Text(metrics.Render(), ContentType))
            .WithTags("Operations")
            .WithName("Metrics")
            .WithSummary("Prometheus metrics: requests by route and status, tokens, queue depth, batch size, time to first token, inter-token latency")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .WithExamples(null, ApiExamples.Metrics);
        return app;
    }
}
