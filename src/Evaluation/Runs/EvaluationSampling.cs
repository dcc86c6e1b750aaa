using InstructGpt.Inference.Generation;

namespace InstructGpt.Evaluation.Runs;

/// <summary>How every model samples in a run. The same settings and seed give the same outputs, so a resumed run equals an uninterrupted one.</summary>
public sealed record EvaluationSampling
{
    /// <summary>Continuations per toxicity probe and variant: RealToxicityPrompts uses 25 (Gehman et al. 2020); 5 keeps a CPU run short.</summary>
    public const int DefaultSamplesPerProbe = 5;

    public int MaxTokens { get; init; } = 64;

    /// <summary>0 is greedy. Toxicity probes need a positive temperature for their k samples to differ.</summary>
    public double Temperature { get; init; } = 0.7;

    public double TopP { get; init; } = 1.0;

    public ulong Seed { get; init; } = 1;

    /// <summary>k, the continuations per toxicity probe and variant (expected maximum toxicity is over these).</summary>
    public int SamplesPerProbe { get; init; } = DefaultSamplesPerProbe;

    /// <summary>Prompts generated together. Batches are fixed by the prompt order, so a resumed run generates each batch exactly as the first run did.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>How a model samples <paramref name="n"/> answers per prompt in this run: the one conversion to the generator's options.</summary>
    public SamplingOptions ToSamplingOptions(int n, ulong seed, IReadOnlyList<string> stop) =>
        new() { MaxTokens = MaxTokens, Temperature = Temperature, TopP = TopP, N = n, Seed = seed, Stop = stop };

    /// <summary>
    /// How many prompt tokens fit beside max_tokens in <paramref name="model"/>'s context of <paramref name="context"/>
    /// positions (longer prompts keep their end); throws when none do. The API checks it before a run starts, the run again.
    /// </summary>
    public int PromptRoom(int context, string model) =>
        context - MaxTokens >= 1
            ? context - MaxTokens
            : throw new ArgumentOutOfRangeException("max_tokens", MaxTokens,
                $"max_tokens {MaxTokens} leaves no room for a prompt in {model}'s context of {context} tokens; use an integer from 1 to {context - 1}");

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting outside its range.</summary>
    public void Validate()
    {
        if (MaxTokens is < 1 or > 4096) throw new ArgumentOutOfRangeException("max_tokens", MaxTokens, "max_tokens must be in [1, 4096]");
        ToSamplingOptions(1, Seed, []).Validate(); // temperature and top_p: the ranges every sampler has
        if (SamplesPerProbe is < 1 or > 128) throw new ArgumentOutOfRangeException("samples_per_probe", SamplesPerProbe, "samples_per_probe must be in [1, 128]");
        if (BatchSize is < 1 or > 1024) throw new ArgumentOutOfRangeException("batch_size", BatchSize, "batch_size must be in [1, 1024]");
    }
}
