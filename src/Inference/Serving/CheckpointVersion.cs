using InstructGpt.Inference.Checkpoints;

namespace InstructGpt.Inference.Serving;

/// <summary>
/// Identifies the files a checkpoint directory holds now. A training job publishes a checkpoint by writing a
/// new directory and renaming it into place, so a replaced checkpoint has new files with new times; comparing
/// versions is a few stat calls, cheap enough for every request.
/// </summary>
public sealed record CheckpointVersion(DateTime WeightsWritten, long WeightsLength, DateTime ConfigWritten)
{
    /// <summary>The version of the directory's files, or null while it is missing or incomplete (being replaced).</summary>
    public static CheckpointVersion? Read(string directory)
    {
        try
        {
            var weights = new FileInfo(Path.Combine(directory, CheckpointFiles.Weights));
            var config = new FileInfo(Path.Combine(directory, CheckpointFiles.Config));
            if (!weights.Exists || !config.Exists) return null;
            return new CheckpointVersion(weights.LastWriteTimeUtc, weights.Length, config.LastWriteTimeUtc);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
