using InstructGpt.Inference.Serving;
using Microsoft.Extensions.Options;

namespace InstructGpt.Api.Serving;

/// <summary>Checks at start-up whether there is anything to serve, and launches the default pipeline when there is not.</summary>
public sealed class FirstRunPipeline(CheckpointCatalog catalog, IOptions<ServingOptions> options, IEnumerable<IDefaultPipelineLauncher> launchers,
    ILogger<FirstRunPipeline> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var checkpoints = catalog.List();
        if (checkpoints.Count > 0)
        {
            logger.LogInformation("Serving {Count} checkpoint(s) from {Directory}: {Names}", checkpoints.Count, catalog.Root, string.Join(", ", checkpoints.Select(c => c.Name)));
            return;
        }
        var launcher = launchers.LastOrDefault();
        if (!options.Value.StartPipelineWhenEmpty || launcher is null)
        {
            logger.LogWarning("No checkpoints in {Directory}. Train one (instructgpt pipeline) or copy a checkpoint directory there; /ready answers 503 until then.", catalog.Root);
            return;
        }
        logger.LogInformation("No checkpoints in {Directory}: launching the default training pipeline", catalog.Root);
        try
        {
            await launcher.LaunchAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "The default training pipeline could not be launched");
        }
    }
}
