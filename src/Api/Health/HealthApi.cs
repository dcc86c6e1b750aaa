using InstructGpt.Api.OpenApi;
using InstructGpt.Inference.Serving;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InstructGpt.Api.Health;

/// <summary>Liveness and readiness for orchestrators and load balancers.</summary>
public static class HealthApi
{
    public sealed record HealthStatus(string Status);

    /// <param name="Status">"ready" when a model is in memory, "loadable" when one can be loaded on first use.</param>
    /// <param name="Loaded">Models in memory.</param>
    /// <param name="Servable">Checkpoints that can be served.</param>
    public sealed record Readiness(string Status, IReadOnlyList<string> Loaded, IReadOnlyList<string> Servable);

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").WithTags("Operations");
        group.MapGet("/health", () => TypedResults.Ok(new HealthStatus("ok")))
            .WithName("Health")
            .WithSummary("Liveness: 200 while the process serves HTTP")
            .WithExamples(null, ApiExamples.Health);
        group.MapGet("/ready", Ready)
            .WithName("Ready")
            .WithSummary("Readiness: 200 when a model is loaded or loadable, 503 while there is nothing to serve")
            .WithExamples(null, ApiExamples.Ready);
        return app;
    }

    public static Results<Ok<Readiness>, ProblemHttpResult> Ready(ModelPool pool, CheckpointCatalog catalog)
    {
        var loaded = pool.Loaded.Select(m => m.Name).ToList();
        var servable = catalog.List().Select(e => e.Name).ToList();
        if (loaded.Count > 0) return TypedResults.Ok(new Readiness("ready", loaded, servable));
        if (servable.Count > 0) return TypedResults.Ok(new Readiness("loadable", loaded, servable));
        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready",
            detail: $"No checkpoint to serve yet: none under {catalog.Root} has config.json and model.safetensors.");
    }
}
