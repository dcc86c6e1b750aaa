using InstructGpt.Evaluation.Judges;
using InstructGpt.Evaluation.Storage;

namespace InstructGpt.Evaluation.Runs;

/// <summary>
/// Runs every judge over one batch of outputs: each sample judge labels the outputs it has not labeled yet, and
/// each pairwise judge compares each instruction output with the baseline's output for the same prompt and sample.
/// Judges return plain labels and verdicts; this class turns them into rows and commits each as soon as it is given.
/// </summary>
internal sealed class BatchJudging(EvaluationStore store, JudgePanel judges, RunState state, string baseline, RunCounts counts)
{
    private const int MaxUnreadableExamples = 3;

    public async Task JudgeAsync(IReadOnlyList<BatchOutput> outputs, CancellationToken cancellationToken)
    {
        foreach (var judge in judges.SampleJudges)
            await LabelAsync(judge, outputs, cancellationToken);

        foreach (var output in outputs.Where(o => o.Task is not null && o.Output.Model != baseline))
        {
            var baselineKey = output.Output.Key with { Model = baseline };
            if (!state.Outputs.TryGetValue(baselineKey, out var baselineOutput))
                throw new InvalidOperationException($"the baseline {baseline} has no output for prompt {output.Output.PromptId} sample {output.Output.SampleIndex}; the baseline is generated first");
            var pair = new JudgedPair(output.Task!, output.ToJudged(), new JudgedOutput(baselineOutput.Prompt, baselineOutput.Output, output.Task),
                PairKey(output.Output, baselineOutput));
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

    /// <summary>Labels the outputs <paramref name="judge"/> has not labeled yet and stores each label it gives.</summary>
    private async Task LabelAsync(ISampleJudge judge, IReadOnlyList<BatchOutput> outputs, CancellationToken cancellationToken)
    {
        var missing = outputs.Where(o => !state.Samples.Contains(Key(o.Output, judge.Name))).ToArray();
        if (missing.Length == 0) return;
        var labels = await judge.LabelAsync(missing.Select(o => o.ToJudged()).ToArray(), cancellationToken);
        if (labels.Count != missing.Length)
            throw new InvalidOperationException($"judge {judge.Name} gave {labels.Count} labels for {missing.Length} outputs; a judge gives one per output, null where it says nothing");
        for (var i = 0; i < missing.Length; i++)
        {
            if (labels[i] is not { } label) continue;
            var sample = new EvaluationSample { Output = missing[i].Output, Judge = judge.Name, Label = label };
            if (await store.RecordSampleAsync(sample, cancellationToken)) counts.SamplesRecorded++;
            state.Samples.Add(sample.Key);
        }
    }

    /// <summary>The comparison's key: fixed by what is compared, so a resumed run gives the same one (the LLM judge's order depends on it).</summary>
    private static string PairKey(GeneratedOutput output, GeneratedOutput baselineOutput) =>
        $"{output.PromptId}/{output.Variant}/{output.SampleIndex}/{output.Model}/{baselineOutput.Model}";

    private static SampleKey Key(GeneratedOutput output, string judge) => new(output.Model, output.PromptId, output.Variant, output.SampleIndex, judge);
}
