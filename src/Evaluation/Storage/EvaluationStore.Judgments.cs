using Dapper;
using InstructGpt.Database;
using InstructGpt.Evaluation.Metrics;
using Microsoft.Data.Sqlite;

namespace InstructGpt.Evaluation.Storage;

/// <summary>What the judges decided: pairwise judgments, people's labels and the aggregated metrics of a run.</summary>
public sealed partial class EvaluationStore
{
    // ---- pairwise judgments -----------------------------------------------------------------------------------

    /// <summary>Commits one judgment; false when the run already holds one for (model, baseline, prompt, sample index, judge).</summary>
    public async Task<bool> RecordJudgmentAsync(PairwiseJudgment judgment, CancellationToken cancellationToken = default)
    {
        var row = JudgmentRow.From(judgment, judgment.CreatedAt == default ? timeProvider.GetUtcNow() : judgment.CreatedAt);
        var inserted = 0;
        await WriteAsync(async (connection, transaction) =>
        {
            inserted = await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO evaluation_pairwise_judgments
                    (run_id, prompt_id, category, sample_index, model, baseline, judge, result, reason, created_at)
                VALUES
                    (@RunId, @PromptId, @Category, @SampleIndex, @Model, @Baseline, @Judge, @Result, @Reason, @CreatedAt)
                ON CONFLICT (run_id, model, baseline, prompt_id, sample_index, judge) DO NOTHING
                """,
                row,
                transaction,
                cancellationToken: cancellationToken));
        }, cancellationToken);
        return inserted == 1;
    }

    public async Task<IReadOnlyList<PairwiseJudgment>> ListJudgmentsAsync(string runId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<JudgmentRow>(new CommandDefinition(
            $"{JudgmentRow.Select} WHERE run_id = @runId ORDER BY model, prompt_id, sample_index, judge",
            new { runId },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToJudgment()).ToArray();
    }

    // ---- human labels -----------------------------------------------------------------------------------------

    /// <summary>Stores a person's label and returns it with its id.</summary>
    public async Task<HumanLabel> AddHumanLabelAsync(HumanLabel label, CancellationToken cancellationToken = default)
    {
        var createdAt = label.CreatedAt == default ? timeProvider.GetUtcNow() : label.CreatedAt;
        long id = 0;
        await WriteAsync(async (connection, transaction) =>
            id = await InsertHumanLabelAsync(connection, transaction, label with { CreatedAt = createdAt }, cancellationToken), cancellationToken);
        return label with { Id = id, CreatedAt = createdAt };
    }

    /// <summary>
    /// Inserts a label (with its <see cref="HumanLabel.CreatedAt"/>) in the caller's transaction and returns its id: the one
    /// insert, for <see cref="AddHumanLabelAsync"/> and for writers that store a label together with rows of their own.
    /// </summary>
    public static async Task<long> InsertHumanLabelAsync(SqliteConnection connection, SqliteTransaction transaction, HumanLabel label, CancellationToken cancellationToken = default)
    {
        if (label.Likert is < 1 or > 7)
            throw new ArgumentOutOfRangeException(nameof(label), label.Likert, "A Likert score lies in 1–7 (InstructGPT Figure 5).");
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO evaluation_human_labels (prompt_id, prompt, output, likert, flags_json, labeler, created_at)
            VALUES (@PromptId, @Prompt, @Output, @Likert, @FlagsJson, @Labeler, @CreatedAt)
            RETURNING id
            """,
            new
            {
                label.PromptId,
                label.Prompt,
                label.Output,
                label.Likert,
                FlagsJson = JsonColumns.Write(label.Flags),
                label.Labeler,
                CreatedAt = StoredTime.Format(label.CreatedAt),
            },
            transaction,
            cancellationToken: cancellationToken));
    }

    /// <summary>Every human label for exactly this prompt and output text, oldest first.</summary>
    public async Task<IReadOnlyList<HumanLabel>> FindHumanLabelsAsync(string prompt, string output, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<HumanLabelRow>(new CommandDefinition(
            """
            SELECT id AS Id, prompt_id AS PromptId, prompt AS Prompt, output AS Output, likert AS Likert,
                   flags_json AS FlagsJson, labeler AS Labeler, created_at AS CreatedAt
            FROM evaluation_human_labels WHERE prompt = @prompt AND output = @output ORDER BY created_at, id
            """,
            new { prompt, output },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToLabel()).ToArray();
    }

    // ---- aggregates -------------------------------------------------------------------------------------------

    /// <summary>
    /// Replaces a run's aggregates with <paramref name="aggregates"/> in one transaction: a failure on any row
    /// leaves the previous aggregates as they were.
    /// </summary>
    public async Task ReplaceAggregatesAsync(string runId, IEnumerable<Aggregate> aggregates, CancellationToken cancellationToken = default)
    {
        var rows = aggregates.ToArray();
        await WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM evaluation_aggregates WHERE run_id = @runId", new { runId }, transaction, cancellationToken: cancellationToken));
            foreach (var aggregate in rows)
            {
                if (!double.IsFinite(aggregate.Value))
                    throw new ArgumentException($"The aggregate {aggregate.Metric} for {aggregate.Model} has the value {aggregate.Value}; only finite values can be stored.", nameof(aggregates));
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO evaluation_aggregates (run_id, model, judge, category, metric, value, ci_low, ci_high, n, method)
                    VALUES (@runId, @Model, @Judge, @Category, @Metric, @Value, @CiLow, @CiHigh, @N, @Method)
                    """,
                    new { runId, aggregate.Model, aggregate.Judge, aggregate.Category, aggregate.Metric, aggregate.Value, aggregate.CiLow, aggregate.CiHigh, aggregate.N, aggregate.Method },
                    transaction,
                    cancellationToken: cancellationToken));
            }
        }, cancellationToken);
    }

    /// <summary>A run's aggregates ordered by metric, model, judge and category ("all" first).</summary>
    public async Task<IReadOnlyList<Aggregate>> ListAggregatesAsync(string runId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<AggregateRow>(new CommandDefinition(
            """
            SELECT model AS Model, judge AS Judge, category AS Category, metric AS Metric, value AS Value,
                   ci_low AS CiLow, ci_high AS CiHigh, n AS N, method AS Method
            FROM evaluation_aggregates WHERE run_id = @runId
            ORDER BY metric, model, judge, category <> 'all', category
            """,
            new { runId },
            cancellationToken: cancellationToken));
        return rows.Select(r => new Aggregate(r.Model, r.Judge, r.Category, r.Metric, r.Value, r.CiLow, r.CiHigh, checked((int)r.N), r.Method)).ToArray();
    }
}
