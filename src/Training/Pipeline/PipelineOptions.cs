using InstructGpt.Training.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Training.Pipeline;

/// <summary>Where and how a whole pipeline runs.</summary>
public sealed record PipelineOptions
{
    public required TrainingPreset Preset { get; init; }
    /// <summary>The home directory: data/, tokenizer/, checkpoints/ and runs/ go below it.</summary>
    public required string OutputDirectory { get; init; }
    public ulong Seed { get; init; } = 1;
    public Device Device { get; init; } = torch.CPU;
    /// <summary>Start from this checkpoint (e.g. a Hugging Face GPT-2) instead of pretraining; its tokenizer is used.</summary>
    public string? InitFrom { get; init; }
    /// <summary>Stages to run, in pipeline order; null runs all. Finished stages (their checkpoint exists) are skipped.</summary>
    public IReadOnlyList<string>? Stages { get; init; }
    public int CheckpointEvery { get; init; } = 25;
    public IProgress<StageProgress>? Progress { get; init; }
    /// <summary>Called when a stage starts and ends, for logs and job status.</summary>
    public Action<string, string>? Log { get; init; }
    public CancellationToken Cancellation { get; init; }
}
