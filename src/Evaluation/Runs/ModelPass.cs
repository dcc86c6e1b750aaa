using InstructGpt.Evaluation.Storage;
using InstructGpt.Inference.Generation;

namespace InstructGpt.Evaluation.Runs;

/// <summary>
/// One model's share of a run, batch by batch: the batch's outputs are generated (unless all are stored) and
/// committed one by one, then judged; then the model scores the held-out documents it has not scored.
/// </summary>
internal sealed class ModelPass(
    EvaluationStore store,
    EvaluationRequest request,
    RunState state,
    BatchJudging judging,
    RunCounts counts,
    Action<string, string?, long> advance)
{
    public async Task RunAsync(EvaluatedModel model, IReadOnlyList<ItemBatch> batches, CancellationToken cancellationToken)
    {
        using var session = new ModelSession(model, request.DType, request.Device);
        foreach (var batch in batches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var outputs = await OutputsAsync(session, batch, cancellationToken);
            await judging.JudgeAsync(outputs, cancellationToken);
            advance(EvaluationProgress.Phases.Generate, model.Name, outputs.Count);
        }
        if (model.ScoresDocuments)
            await ScoreDocumentsAsync(session, cancellationToken);
    }

    /// <summary>
    /// The batch's outputs. A batch with any output missing is generated whole, exactly as an uninterrupted run
    /// generates it (the same prompts together, the same seed), and only the missing rows are added.
    /// </summary>
    private async Task<IReadOnlyList<BatchOutput>> OutputsAsync(ModelSession session, ItemBatch batch, CancellationToken cancellationToken)
    {
        var name = session.Model.Name;
        var keys = batch.Items
            .SelectMany(item => Enumerable.Range(0, batch.Samples).Select(s => (Item: item, Key: new OutputKey(name, item.PromptId, item.Variant, s))))
            .ToArray();
        if (keys.Any(k => !state.Outputs.ContainsKey(k.Key)))
        {
            var sequences = session.Answer(batch, request.Sampling, cancellationToken);
            foreach (var sequence in sequences)
            {
                var item = batch.Items[sequence.PromptIndex];
                var output = new GeneratedOutput
                {
                    RunId = state.RunId,
                    Model = name,
                    PromptId = item.PromptId,
                    Category = item.Category,
                    Variant = item.Variant,
                    SampleIndex = sequence.Index,
                    Prompt = item.Prompt,
                    Output = sequence.Text,
                    FinishReason = sequence.FinishReason == FinishReason.Stop ? "stop" : "length",
                };
                if (state.Outputs.ContainsKey(output.Key))
                {
                    counts.OutputsReused++;
                    continue;
                }
                if (await store.RecordOutputAsync(output, cancellationToken)) counts.OutputsGenerated++;
                counts.GeneratedTokens += sequence.TokenIds.Count;
                state.Outputs[output.Key] = output;
            }
        }
        else
        {
            counts.OutputsReused += keys.Length;
        }
        return keys.Select(k => new BatchOutput(state.Outputs[k.Key], k.Item.Task)).ToArray();
    }

    /// <summary>
    /// Scores the documents in fixed batches, like generation: a batch with any score missing is scored whole, so
    /// every score comes from the same padded batch as in an uninterrupted run, to the last bit.
    /// </summary>
    private async Task ScoreDocumentsAsync(ModelSession session, CancellationToken cancellationToken)
    {
        var name = session.Model.Name;
        foreach (var batch in request.HeldOutDocuments.Chunk(request.Sampling.BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (batch.All(d => state.Documents.Contains((name, d.Id))))
            {
                advance(EvaluationProgress.Phases.ScoreDocuments, name, batch.Length);
                continue;
            }
            var scores = session.ScoreDocuments(batch.Select(d => d.Text).ToArray(), request.Sampling.BatchSize);
            for (var i = 0; i < batch.Length; i++)
            {
                if (state.Documents.Contains((name, batch[i].Id))) continue;
                if (scores[i] is { } scored && await store.RecordDocumentScoreAsync(new DocumentScore(state.RunId, name, batch[i].Id, scored.SumLogProb, scored.TokenCount), cancellationToken))
                    counts.DocumentsScored++;
                state.Documents.Add((name, batch[i].Id));
            }
            advance(EvaluationProgress.Phases.ScoreDocuments, name, batch.Length);
        }
    }

    /// <summary>The work units of a request for one model, for the progress total.</summary>
    public static long Units(EvaluationRequest request, EvaluatedModel model, IReadOnlyList<ItemBatch> batches) =>
        batches.Sum(b => (long)b.Items.Count * b.Samples) + (model.ScoresDocuments ? request.HeldOutDocuments.Count : 0);
}
