using InstructGpt.Inference.Checkpoints;
using InstructGpt.Inference.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Serving;

/// <summary>Where and how the pool loads models.</summary>
public sealed record ModelPoolOptions
{
    public ScalarType DType { get; init; } = ScalarType.Float32;
    /// <summary>Null uses libtorch's default device (CUDA when available).</summary>
    public Device? Device { get; init; }
    public SchedulerOptions Scheduler { get; init; } = new();
}
