using InstructGpt.Inference.Serving;

namespace InstructGpt.Api.Jobs;

/// <summary>
/// Makes checkpoints a job published servable at once. GET /v1/models lists the checkpoint directory as it is, so
/// a new name appears by itself; a name that is loaded now is reloaded here (ModelPool compares the directory's
/// version with the loaded one), so the next request gets the new weights while running ones finish on the old.
/// </summary>
public sealed class CheckpointPublisher(ModelPool pool, ILogger<CheckpointPublisher> logger)
{
    public void Published(IEnumerable<string> names)
    {
        var loaded = pool.Loaded.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in names)
        {
            logger.LogInformation("Checkpoint {Model} published", name);
            if (!loaded.Contains(name)) continue;
            _ = Task.Run(async () =>
            {
                try
                {
                    using var lease = await pool.AcquireAsync(name);
                    if (lease.LoadedNow) logger.LogInformation("Checkpoint {Model} hot-swapped: new requests use the new weights", name);
                }
                catch (Exception e) when (e is ModelNotFoundException or ModelLoadException or ArgumentException or ObjectDisposedException)
                {
                    logger.LogWarning(e, "Checkpoint {Model} was published but could not be loaded; the previous version keeps serving", name);
                }
            });
        }
    }

    /// <summary>The version of each checkpoint directory now, to see later which ones a job replaced or added.</summary>
    public static Dictionary<string, CheckpointVersion?> Snapshot(string checkpointsDirectory, IEnumerable<string> names) =>
        names.ToDictionary(n => n, n => CheckpointVersion.Read(Path.Combine(checkpointsDirectory, n)));

    /// <summary>Names whose version differs from <paramref name="before"/> and that are whole now.</summary>
    public static IReadOnlyList<string> Changed(string checkpointsDirectory, IReadOnlyDictionary<string, CheckpointVersion?> before) =>
        before.Where(kv => File.Exists(Path.Combine(checkpointsDirectory, kv.Key, "instructgpt.json"))
                && CheckpointVersion.Read(Path.Combine(checkpointsDirectory, kv.Key)) is { } now && now != kv.Value)
            .Select(kv => kv.Key).ToList();
}
