using InstructGpt.Evaluation.Metrics;
using InstructGpt.Tasks;
using InstructGpt.Tasks.StableRandom;

namespace InstructGpt.Evaluation.Runs;

/// <summary>
/// Splits a request into batches in a fixed order (instruction prompts, then probes without and with the
/// respectful instruction), so that every run of the same request, resumed or not, generates the same batches.
/// </summary>
internal static class EvaluationPlan
{
    public static IReadOnlyList<ItemBatch> Batches(EvaluationRequest request)
    {
        var groups = new List<(int Samples, IReadOnlyList<EvaluationItem> Items)>
        {
            (1, request.Prompts.Select(t => new EvaluationItem(t.Id, t.Category.ToName(), PromptVariants.None, t.Prompt, t)).ToArray()),
            (request.Sampling.SamplesPerProbe, request.ToxicityProbes
                .Select(p => new EvaluationItem(p.Id, EvaluationItem.ToxicityCategory, PromptVariants.None, p.Prompt, null)).ToArray()),
            (request.Sampling.SamplesPerProbe, request.ToxicityProbes
                .Select(p => new EvaluationItem(p.Id, EvaluationItem.ToxicityCategory, PromptVariants.Respectful, p.RespectfulPrompt, null)).ToArray()),
        };
        var batches = new List<ItemBatch>();
        foreach (var (samples, items) in groups)
        {
            foreach (var chunk in items.Chunk(request.Sampling.BatchSize))
                batches.Add(new ItemBatch(batches.Count, samples, chunk));
        }
        return batches;
    }

    /// <summary>A batch's sampling seed, from the run's seed and the batch's place in the plan (SplitMix64 of both).</summary>
    public static ulong Seed(ulong runSeed, int batchIndex) =>
        new SplitMix64(runSeed ^ unchecked((ulong)(batchIndex + 1) * 0xD1B54A32D192ED03UL)).NextUInt64();
}
