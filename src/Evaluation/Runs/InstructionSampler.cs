using InstructGpt.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Evaluation.Runs;

/// <summary>
/// Answers to instruction prompts from one model, generated exactly as an evaluation run generates them: the same batches
/// (<see cref="EvaluationPlan.Batches"/>), the same per-batch seeds, the same prompt layout and the same trimming. With
/// one answer per prompt, a run over the same prompts and sampling writes the same texts, so people's ratings of these
/// answers reach that run's human judge (which matches prompt and output text exactly).
/// </summary>
public static class InstructionSampler
{
    /// <summary>
    /// <paramref name="answers"/> answers per prompt, in prompt order and answer index within a prompt. Cancellation is
    /// checked between batches; <paramref name="batchDone"/> receives the prompts of each finished batch.
    /// </summary>
    public static IReadOnlyList<SampledAnswer> Sample(EvaluatedModel model, IReadOnlyList<PromptTask> prompts, EvaluationSampling sampling, int answers,
        Device? device, Action<int>? batchDone, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(answers, 1);
        // Only prompts, so the plan's batches are exactly the prompt batches of an evaluation over the same prompts.
        var plan = new EvaluationRequest { Models = [model], Baseline = model.Name, Prompts = prompts, Sampling = sampling };
        var result = new List<SampledAnswer>(prompts.Count * answers);
        using var session = new ModelSession(model, plan.DType, device);
        foreach (var batch in EvaluationPlan.Batches(plan))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sequences = session.Generate(batch.Items.Select(i => i.Prompt).ToArray(), sampling, answers, EvaluationPlan.Seed(sampling.Seed, batch.Index), cancellationToken);
            result.AddRange(sequences
                .OrderBy(s => s.PromptIndex).ThenBy(s => s.Index)
                .Select(s => new SampledAnswer(batch.Items[s.PromptIndex].PromptId, s.Index, s.Text.Trim()))); // as ModelPass stores outputs
            batchDone?.Invoke(batch.Items.Count);
        }
        return result;
    }
}
