namespace InstructGpt.Api.Serving;

/// <summary>
/// Starts the default training pipeline (docs/data-directory.md, "With no checkpoints yet": ./run.sh starts the default
/// pipeline as a background job). Training registers an implementation with
/// <c>services.AddSingleton&lt;IDefaultPipelineLauncher, ...&gt;()</c>; the server calls it once at start-up when
/// the checkpoint directory is empty and <see cref="ServingOptions.StartPipelineWhenEmpty"/> is set.
/// </summary>
public interface IDefaultPipelineLauncher
{
    /// <summary>Queues the pipeline and returns; the job runs in the background and publishes checkpoints as it goes.</summary>
    Task LaunchAsync(CancellationToken cancellationToken);
}
