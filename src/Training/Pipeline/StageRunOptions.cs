using InstructGpt.Training.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Training.Pipeline;

/// <summary>
/// One training stage run on its own (<c>instructgpt train &lt;stage&gt;</c>, <c>POST /v1/training/jobs</c>): which stage,
/// the home it reads from and publishes into, and what replaces the defaults. Anything left null falls back to
/// what the pipeline would use (the world's datasets under data/, the previous stage's checkpoint, the preset).
/// </summary>
public sealed record StageRunOptions
{
    /// <summary>pretrain, sft, comparisons, rm, ppo or ppo-ptx (<see cref="PipelineStages"/>).</summary>
    public required string Stage { get; init; }
    /// <summary>The home directory: data/, datasets/, tokenizer/, checkpoints/ and runs/.</summary>
    public required string Home { get; init; }
    /// <summary>The preset with this run's overrides already applied (<see cref="SettingsOverrides.Apply"/>), so they are parsed and checked once, by whoever took them in.</summary>
    public TrainingPreset Preset { get; init; } = TrainingPresets.Tiny;
    /// <summary>The checkpoint to start from: a name under checkpoints/ or a directory (e.g. a Hugging Face GPT-2). Default: the previous stage's.</summary>
    public string? InitFrom { get; init; }
    /// <summary>For PPO (value model and reward) and, when given, SFT (checkpoint selection by RM score): a name under checkpoints/ or a directory. Default: rm for PPO.</summary>
    public string? RewardModel { get; init; }
    /// <summary>Dataset role → file, a name under data/ or datasets/ (with or without .jsonl) or a path. Roles: <see cref="StageDatasets.RolesOf"/>.</summary>
    public IReadOnlyDictionary<string, string> Datasets { get; init; } = new Dictionary<string, string>();
    /// <summary>The checkpoint name to publish (comparisons: the data file prefix). Default: the stage's own (base, sft, rm, ppo, ppo-ptx; comparisons).</summary>
    public string? OutputName { get; init; }
    public ulong Seed { get; init; } = 1;
    public Device Device { get; init; } = torch.CPU;
    public int CheckpointEvery { get; init; } = 25;
    /// <summary>
    /// Continue from the run directory's saved state when the last run there was cut short. A run whose checkpoint was
    /// published is finished, so a new one starts fresh either way; false also discards an unfinished run's state.
    /// </summary>
    public bool Resume { get; init; } = true;
    public IProgress<StageProgress>? Progress { get; init; }
    public Action<string, string>? Log { get; init; }
    public CancellationToken Cancellation { get; init; }
}
