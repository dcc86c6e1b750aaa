using InstructGpt.Evaluation.Runs;

namespace InstructGpt.Api.Evaluations;

public sealed record EvaluationSamplingSpec(double Temperature, double TopP, int MaxTokens, ulong Seed)
{
    /// <summary>The runner's settings for these fields: the one conversion, so evaluations and labeling batches sample alike.</summary>
    public EvaluationSampling ToSampling(int samplesPerProbe = EvaluationSampling.DefaultSamplesPerProbe) =>
        new() { Temperature = Temperature, TopP = TopP, MaxTokens = MaxTokens, Seed = Seed, SamplesPerProbe = samplesPerProbe };
}
