using InstructGpt.Api.OpenApi;
using Prometheus;

namespace InstructGpt.Api.Metrics;

/// <summary>
/// /metrics on prometheus-net: one <see cref="CollectorRegistry"/> per host (not prometheus-net's static default, so
/// several hosts in one process, as in tests, keep their own counters) holding our series (<see cref="MeterBridge"/>),
/// prometheus-net's HTTP request metrics and its process and .NET runtime metrics.
/// </summary>
public static class MetricsApi
{
    /// <summary>Prometheus' text exposition format, version 0.0.4 (what prometheus-net writes).</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static WebApplicationBuilder AddApiMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddMetrics();
        builder.Services.AddSingleton(_ =>
        {
            var registry = Prometheus.Metrics.NewCustomRegistry();
            // process_cpu_seconds_total, process_working_set_bytes, dotnet_collection_count_total, dotnet_total_memory_bytes, ...
            DotNetStats.Register(registry);
            return registry;
        });
        builder.Services.AddSingleton<MeterBridge>();
        return builder;
    }

    /// <summary>
    /// prometheus-net's request metrics (<c>http_requests_received_total</c>, <c>http_request_duration_seconds</c>,
    /// <c>http_requests_in_progress</c>, by code, method and endpoint). First in the pipeline, so that they see the
    /// status the error handlers and authentication finally answer.
    /// </summary>
    public static WebApplication UseApiMetrics(this WebApplication app)
    {
        var registry = app.Services.GetRequiredService<CollectorRegistry>();
        app.UseHttpMetrics(options => options.ConfigureMeasurements(m => m.Registry = registry));
        return app;
    }

    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        // Created now, not at the first scrape, so that it sees every request from the start.
        app.ServiceProvider.GetRequiredService<MeterBridge>();
        // Our own route rather than prometheus-net's MapMetrics, so that it keeps its OpenAPI description; anonymous, as before.
        app.MapGet("/metrics", (CollectorRegistry registry, CancellationToken cancel) =>
                TypedResults.Stream(body => registry.CollectAndExportAsTextAsync(body, cancel), ContentType))
            .WithTags("Operations")
            .WithName("Metrics")
            .WithSummary("Prometheus metrics: requests by route and status, tokens, queue depth, batch size, time to first token, inter-token latency, process and .NET runtime")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .WithExamples(null, ApiExamples.Metrics);
        return app;
    }
}
