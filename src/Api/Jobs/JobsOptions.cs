using System.ComponentModel.DataAnnotations;
using InstructGpt.Inference.Engine;

namespace InstructGpt.Api.Jobs;

/// <summary>How training and pipeline jobs run (configuration section <c>Jobs</c>).</summary>
public sealed record JobsOptions : IValidatableObject
{
    public const string Section = "Jobs";

    /// <summary>Jobs that run at once. Training takes every core, so one at a time is the default; 0 accepts jobs but runs none.</summary>
    [Range(0, 16)] public int Workers { get; set; } = 1;

    /// <summary>Jobs that may wait in the queue; more are answered 429.</summary>
    [Range(1, 100_000)] public int QueueCapacity { get; set; } = 1000;

    /// <summary>
    /// A job that was running when the server stopped is queued again at the next start and resumes from its saved
    /// state; false marks it interrupted instead.
    /// </summary>
    public bool ResumeOnRestart { get; set; } = true;

    /// <summary>Least time between two progress writes to the database (and two rows of the metrics series).</summary>
    [Range(0, 3600)] public double ProgressIntervalSeconds { get; set; } = 1;

    /// <summary>Jobs of at most this many steps record every step in their series, however short the interval.</summary>
    [Range(0, 1_000_000)] public int EveryStepUpTo { get; set; } = 500;

    /// <summary>Stages save their resumable state every this many steps (and when stopped).</summary>
    [Range(1, 1_000_000)] public int CheckpointEvery { get; set; } = 25;

    /// <summary>cpu, cuda or cuda:N; when unset, TorchRuntime.DefaultDevice (INSTRUCTGPT_DEVICE, else CUDA when available).</summary>
    public string? Device { get; set; }

    public TorchSharp.torch.Device TrainingDevice => Device is { Length: > 0 } d ? TorchDevices.Parse(d) : TorchRuntime.DefaultDevice;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Device is not { Length: > 0 } device) yield break;
        string? problem = null;
        try
        {
            TorchDevices.Parse(device);
        }
        catch (ArgumentException e)
        {
            problem = $"Jobs:Device: {e.Message}";
        }
        if (problem is not null) yield return new ValidationResult(problem, [nameof(Device)]);
    }
}
