using InstructGpt.Evaluation.Judges;
using InstructGpt.Evaluation.Storage;

namespace InstructGpt.Evaluation.Runs;

/// <summary>
/// Runs every judge over one batch of outputs: each sample judge labels the outputs it has not labeled yet, and
/// each pairwise judge compares each instruction output with the baseline's output for the same prompt and sample.
/// Every row is committed as soon as the judge gives it.
/// </summary>
internal sealed class BatchJudging(EvaluationStore store, JudgePanel judges, RunState state, string baseline, RunCounts counts)
{
    private const int MaxUnreadableExamples = 3;

    public async Task JudgeAsync(IReadOnlyList<JudgedOutput> outputs, CancellationToken cancellationToken)
    {
        foreach (var judge in judges.SampleJudges)
        {
            var missing = outputs.Where(o => !state.Samples.Contains(Key(o.Output, judge.Name))).ToArray();
            if (missing.Length == 0) continue;
            var samples = await judge.LabelAsync(missing, cancellationToken);
            foreach (var sample in samples.OfType<EvaluationSample>())
            {
                if (await store.RecordSampleAsync(sample, cancellationToken)) counts.SamplesRecorded++;
                state.Samples.Add(sample.Key);
            }
        }

        foreach (var output in outputs.Where(o => o.Task is not null && o.Output.Model != baseline))
        {
            var baselineKey = output.Output.Key with { Model = baseline };
            if (!state.Outputs.TryGetValue(baselineKey, out var baselineOutput))
                throw new InvalidOperationException($"the baseline {baseline} has no output for prompt {output.Output.PromptId} sample {output.Output.SampleIndex}; the baseline is generated first");
            var pair = new JudgedPair(output.Task!, output.Output, baselineOutput);
            foreach (var judge in judges.PairwiseJudges)
            {
                var key = (output.Output.Model, baseline, output.Output.PromptId, output.Output.SampleIndex, judge.Name);
                if (state.Judgments.Contains(key)) continue;
                var verdict = await judge.CompareAsync(pair, cancellationToken);
                if (verdict.Result is not { } result)
                {
                    counts.VerdictsUnreadable++;
                    if (counts.UnreadableExamples.Count < MaxUnreadableExamples) counts.UnreadableExamples.Add($"{judge.Name}: {verdict.Reason}");
                    continue;
                }
                var judgment = new PairwiseJudgment
                {
                    RunId = state.RunId,
                    PromptId = output.Output.PromptId,
                    Category = output.Output.Category,
                    SampleIndex = output.Output.SampleIndex,
                    Model = output.Output.Model,
                    Baseline = baseline,
                    Judge = judge.Name,
                    Result = result,
                    Reason = verdict.Reason,
                };
                if (await store.RecordJudgmentAsync(judgment, cancellationToken)) counts.JudgmentsRecorded++;
                state.Judgments.Add(key);
            }
        }
    }

    private static SampleKey Key(GeneratedOutput output, string judge) => new(output.Model, output.PromptId, output.Variant, output.SampleIndex, judge);
}
