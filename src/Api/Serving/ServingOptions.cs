using System.ComponentModel.DataAnnotations;
using InstructGpt.Inference.Engine;
using InstructGpt.Inference.Serving;

namespace InstructGpt.Api.Serving;

/// <summary>How checkpoints are served (configuration section <c>Serving</c>).</summary>
public sealed record ServingOptions : IValidatableObject
{
    public const string Section = "Serving";

    /// <summary>Where the checkpoints are; null means <c>$INSTRUCTGPT_HOME/checkpoints</c>.</summary>
    public string? CheckpointsDirectory { get; set; }

    /// <summary>Sequences one model decodes together in each step.</summary>
    [Range(1, 4096)] public int MaxBatchSize { get; set; } = 16;

    /// <summary>Requests per model that may wait for the batch; more are answered 429.</summary>
    [Range(1, 1_000_000)] public int QueueCapacity { get; set; } = 64;

    /// <summary>The Retry-After a 429 carries.</summary>
    [Range(1, 3600)] public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Most completions one request may ask for (prompts × n).</summary>
    [Range(1, 4096)] public int MaxCompletionsPerRequest { get; set; } = 64;

    /// <summary>max_tokens of a chat completion that does not set it (capped by the context left after the prompt).</summary>
    [Range(1, 1_000_000)] public int DefaultChatMaxTokens { get; set; } = 256;

    /// <summary>Weights are loaded as this dtype: float32, float16 or bfloat16.</summary>
    public string DType { get; set; } = "float32";

    /// <summary>cpu, cuda or cuda:N; null uses CUDA when available (or INSTRUCTGPT_DEVICE).</summary>
    public string? Device { get; set; }

    /// <summary>
    /// With no checkpoint at start-up, launch the default training pipeline in the background when one is
    /// registered (see <see cref="IDefaultPipelineLauncher"/>).
    /// </summary>
    public bool StartPipelineWhenEmpty { get; set; } = true;

    /// <summary>The preset of that first-run pipeline: micro, tiny (the CPU default) or small.</summary>
    [RegularExpression("^(?i)(micro|tiny|small)$", ErrorMessage = "Serving:DefaultPipelinePreset must be micro, tiny or small")]
    public string DefaultPipelinePreset { get; set; } = "tiny";

    public ModelPoolOptions ToPoolOptions() => new()
    {
        DType = TorchDtypes.Parse(DType),
        Device = Device is { Length: > 0 } d ? TorchDevices.Parse(d) : null,
        Scheduler = new SchedulerOptions { MaxBatchSize = MaxBatchSize, QueueCapacity = QueueCapacity },
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        string? problem = null;
        try
        {
            var dtype = TorchDtypes.Parse(DType);
            if (!TorchSharp.torch.is_floating_point(dtype)) problem = $"Serving:DType must be a floating type (float32, float16 or bfloat16), got '{DType}'";
        }
        catch (ArgumentException e)
        {
            problem = $"Serving:DType: {e.Message}";
        }
        if (problem is not null) yield return new ValidationResult(problem, [nameof(DType)]);
        if (Device is { Length: > 0 } device)
        {
            string? deviceProblem = null;
            try
            {
                TorchDevices.Parse(device);
            }
            catch (ArgumentException e)
            {
                deviceProblem = $"Serving:Device: {e.Message}";
            }
            if (deviceProblem is not null) yield return new ValidationResult(deviceProblem, [nameof(Device)]);
        }
    }
}
