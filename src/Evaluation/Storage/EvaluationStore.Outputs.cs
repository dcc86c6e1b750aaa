using Dapper;
using InstructGpt.Database;

namespace InstructGpt.Evaluation.Storage;

/// <summary>The generated outputs and held-out document scores of a run (migration 2).</summary>
public sealed partial class EvaluationStore
{
    /// <summary>
    /// Commits one generated output in its own transaction; false, changing nothing, when the run already holds
    /// one for (model, prompt id, variant, sample index): a resumed run regenerates a whole batch and keeps the
    /// rows it had.
    /// </summary>
    public async Task<bool> RecordOutputAsync(GeneratedOutput output, CancellationToken cancellationToken = default)
    {
        if (output.SampleIndex < 0)
            throw new ArgumentOutOfRangeException(nameof(output), output.SampleIndex, "A sample index counts from 0.");
        var row = OutputRow.From(output, output.CreatedAt == default ? timeProvider.GetUtcNow() : output.CreatedAt);
        var inserted = 0;
        await WriteAsync(async (connection, transaction) =>
        {
            inserted = await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO evaluation_outputs
                    (run_id, model, prompt_id, category, variant, sample_index, prompt, output, finish_reason, created_at)
                VALUES
                    (@RunId, @Model, @PromptId, @Category, @Variant, @SampleIndex, @Prompt, @Output, @FinishReason, @CreatedAt)
                ON CONFLICT (run_id, model, prompt_id, variant, sample_index) DO NOTHING
                """,
                row,
                transaction,
                cancellationToken: cancellationToken));
        }, cancellationToken);
        return inserted == 1;
    }

    /// <summary>Every output of a run in a stable order (model, prompt, variant, sample index).</summary>
    public async Task<IReadOnlyList<GeneratedOutput>> ListOutputsAsync(string runId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<OutputRow>(new CommandDefinition(
            $"{OutputRow.Select} WHERE run_id = @runId ORDER BY model, prompt_id, variant, sample_index",
            new { runId },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToOutput()).ToArray();
    }

    /// <summary>Commits one document's score; false when the run already holds one for (model, document).</summary>
    public async Task<bool> RecordDocumentScoreAsync(DocumentScore score, CancellationToken cancellationToken = default)
    {
        if (!(score.SumLogProb <= 0) || double.IsNaN(score.SumLogProb))
            throw new ArgumentOutOfRangeException(nameof(score), score.SumLogProb, "A sum of log-probabilities is at most 0.");
        if (score.TokenCount <= 0)
            throw new ArgumentOutOfRangeException(nameof(score), score.TokenCount, "A scored document has at least one token.");
        var inserted = 0;
        await WriteAsync(async (connection, transaction) =>
        {
            inserted = await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO evaluation_document_scores (run_id, model, document_id, sum_logprob, token_count, created_at)
                VALUES (@RunId, @Model, @DocumentId, @SumLogProb, @TokenCount, @CreatedAt)
                ON CONFLICT (run_id, model, document_id) DO NOTHING
                """,
                new { score.RunId, score.Model, score.DocumentId, score.SumLogProb, score.TokenCount, CreatedAt = StoredTime.Format(timeProvider.GetUtcNow()) },
                transaction,
                cancellationToken: cancellationToken));
        }, cancellationToken);
        return inserted == 1;
    }

    /// <summary>Every document score of a run, ordered by model and document id.</summary>
    public async Task<IReadOnlyList<DocumentScore>> ListDocumentScoresAsync(string runId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Model, string DocumentId, double SumLogProb, long TokenCount)>(new CommandDefinition(
            "SELECT model, document_id, sum_logprob, token_count FROM evaluation_document_scores WHERE run_id = @runId ORDER BY model, document_id",
            new { runId },
            cancellationToken: cancellationToken));
        return rows.Select(r => new DocumentScore(runId, r.Model, r.DocumentId, r.SumLogProb, r.TokenCount)).ToArray();
    }
}
