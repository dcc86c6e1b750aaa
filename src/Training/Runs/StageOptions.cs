using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Training.Runs;

/// <summary>What every stage needs besides its own hyperparameters.</summary>
public sealed record StageOptions
{
    /// <summary>Where the finished checkpoint goes (written atomically).</summary>
    public required string OutputDirectory { get; init; }
    /// <summary>Where the resumable state and metrics.jsonl go; default: OutputDirectory + ".run".</summary>
    public string? RunDirectory { get; init; }
    public ulong Seed { get; init; } = 1;
    public Device Device { get; init; } = torch.CPU;
    /// <summary>Save resumable state every this many optimizer steps (and at the end).</summary>
    public int CheckpointEvery { get; init; } = 50;
    /// <summary>Continue from the run directory's saved state when there is one.</summary>
    public bool Resume { get; init; } = true;
    /// <summary>The run's <see cref="RunInputs"/> fingerprint, saved with its state; the caller compares it before resuming.</summary>
    public string? Inputs { get; init; }
    public IProgress<StageProgress>? Progress { get; init; }
    /// <summary>The checkpoint this stage starts from, recorded as the output's parent.</summary>
    public string? Parent { get; init; }
    /// <summary>Dataset name → SHA-256, recorded in the output's instructgpt.json.</summary>
    public IReadOnlyDictionary<string, string> DataHashes { get; init; } = new Dictionary<string, string>();
    /// <summary>Writes vocab.json and merges.txt into a checkpoint directory.</summary>
    public Action<string>? WriteTokenizer { get; init; }
    public CancellationToken Cancellation { get; init; }

    public string RunPath => RunDirectory ?? Path.TrimEndingDirectorySeparator(OutputDirectory) + ".run";
}
