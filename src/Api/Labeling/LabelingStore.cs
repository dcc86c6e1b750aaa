using System.Text.Json;
using Dapper;
using InstructGpt.Api.Feedback;
using InstructGpt.Api.Hosting;
using InstructGpt.Database;
using InstructGpt.Evaluation.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace InstructGpt.Api.Labeling;

/// <summary>
/// Labelers, sampled batches, tasks and assignments in <c>$INSTRUCTGPT_HOME/instructgpt.db</c>, beside the evaluation and
/// feedback tables a submission writes into (one file, so one transaction covers them all). Every write is one transaction;
/// those that decide who holds a task take SQLite's write lock first (BEGIN IMMEDIATE, Microsoft.Data.Sqlite's default for
/// BeginTransaction), so two labelers can never both read a slot as free. Opened and migrated on first use.
/// </summary>
public sealed partial class LabelingStore(IOptions<DataOptions> data)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly SemaphoreSlim opening = new(1, 1);
    private string? connectionString;

    public string DatabasePath => Path.Combine(data.Value.FullHome, EvaluationStore.DatabaseFileName);

    // ---- labelers ---------------------------------------------------------------------------------------------

    /// <summary>False when the name is taken.</summary>
    public async Task<bool> CreateLabelerAsync(LabelerRecord labeler)
    {
        await using var connection = await OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var inserted = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO labeling_labelers (id, name, token_sha256, created_at) VALUES (@Id, @Name, @TokenSha256, @CreatedAt)
            ON CONFLICT (name) DO NOTHING
            """, new { labeler.Id, labeler.Name, labeler.TokenSha256, CreatedAt = StoredTime.Format(labeler.CreatedAt) }, transaction));
        await transaction.CommitAsync();
        return inserted == 1;
    }

    public async Task<IReadOnlyList<LabelerRecord>> ListLabelersAsync()
    {
        await using var connection = await OpenAsync();
        return (await connection.QueryAsync<LabelerRow>($"{LabelerRow.Select} ORDER BY created_at, id")).Select(r => r.ToRecord()).ToArray();
    }

    /// <summary>The labeler with its token revoked (at the first revocation's time); null when there is none.</summary>
    public async Task<LabelerRecord?> RevokeLabelerAsync(string id, DateTimeOffset now)
    {
        await using var connection = await OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE labeling_labelers SET revoked_at = COALESCE(revoked_at, @now) WHERE id = @id", new { id, now = StoredTime.Format(now) }, transaction));
        var row = await connection.QuerySingleOrDefaultAsync<LabelerRow>(new CommandDefinition($"{LabelerRow.Select} WHERE id = @id", new { id }, transaction));
        await transaction.CommitAsync();
        return row?.ToRecord();
    }

    /// <summary>How many tasks a labeler has submitted and skipped.</summary>
    public async Task<(int Submitted, int Skipped)> CountsAsync(string labelerId)
    {
        await using var connection = await OpenAsync();
        var counts = await connection.QuerySingleAsync<(long, long)>(new CommandDefinition("""
            SELECT COALESCE(SUM(status = 'submitted'), 0), COALESCE(SUM(status = 'skipped'), 0) FROM labeling_assignments WHERE labeler_id = @labelerId
            """, new { labelerId }));
        return (checked((int)counts.Item1), checked((int)counts.Item2));
    }

    // ---- batches ----------------------------------------------------------------------------------------------

    /// <summary>
    /// Stores a sampled batch and its tasks in one transaction; a batch already stored is left as it is (a job resumed after
    /// its tasks were written writes nothing twice). Returns whether this call stored it.
    /// </summary>
    public async Task<bool> WriteBatchAsync(string batchId, int overlap, DateTimeOffset createdAt, IReadOnlyList<(PromptTaskJson Task, IReadOnlyList<TaskOutput> Outputs)> tasks)
    {
        await using var connection = await OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var inserted = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO labeling_batches (id, overlap, created_at, ready_at) VALUES (@batchId, @overlap, @createdAt, @readyAt) ON CONFLICT (id) DO NOTHING
            """, new { batchId, overlap, createdAt = StoredTime.Format(createdAt), readyAt = StoredTime.Format(DateTimeOffset.UtcNow) }, transaction));
        if (inserted == 0) return false;
        for (var i = 0; i < tasks.Count; i++)
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO labeling_tasks (batch_id, position, prompt_id, task_json, outputs_json) VALUES (@batchId, @i, @PromptId, @TaskJson, @OutputsJson)
                """, new { batchId, i, tasks[i].Task.PromptId, tasks[i].Task.TaskJson, OutputsJson = JsonSerializer.Serialize(tasks[i].Outputs, Json) }, transaction));
        await transaction.CommitAsync();
        return true;
    }

    /// <summary>The labeling state of those of <paramref name="batchIds"/> that are sampled, by id.</summary>
    public async Task<IReadOnlyDictionary<string, BatchState>> BatchStatesAsync(IReadOnlyCollection<string> batchIds)
    {
        if (batchIds.Count == 0) return new Dictionary<string, BatchState>();
        await using var connection = await OpenAsync();
        var rows = await connection.QueryAsync<BatchRow>(new CommandDefinition("""
            SELECT b.id AS Id, b.overlap AS Overlap, b.ready_at AS ReadyAt, b.closed_at AS ClosedAt,
                   (SELECT COUNT(*) FROM labeling_tasks t WHERE t.batch_id = b.id) AS Tasks,
                   (SELECT COUNT(*) FROM labeling_assignments a JOIN labeling_tasks t ON t.id = a.task_id WHERE t.batch_id = b.id AND a.status = 'submitted') AS Submissions,
                   (SELECT COUNT(*) FROM labeling_assignments a JOIN labeling_tasks t ON t.id = a.task_id WHERE t.batch_id = b.id AND a.status = 'skipped') AS Skips,
                   (SELECT COUNT(*) FROM labeling_tasks t WHERE t.batch_id = b.id
                        AND (SELECT COUNT(*) FROM labeling_assignments a WHERE a.task_id = t.id AND a.status = 'submitted') >= b.overlap) AS CompletedTasks
            FROM labeling_batches b WHERE b.id IN @batchIds
            """, new { batchIds }));
        return rows.ToDictionary(r => r.Id, r => r.ToState(), StringComparer.Ordinal);
    }

    /// <summary>Closes a sampled batch's labeling: it hands out no more tasks. False when it is not stored or already closed.</summary>
    public async Task<bool> CloseBatchAsync(string batchId)
    {
        await using var connection = await OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var closed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE labeling_batches SET closed_at = @now WHERE id = @batchId AND closed_at IS NULL",
            new { batchId, now = StoredTime.Format(DateTimeOffset.UtcNow) }, transaction));
        await transaction.CommitAsync();
        return closed == 1;
    }

    internal async Task<SqliteConnection> OpenAsync()
    {
        if (Volatile.Read(ref connectionString) is not { } opened)
        {
            await opening.WaitAsync();
            try
            {
                if (connectionString is null)
                {
                    // The evaluation store creates the file and its tables (human labels); then the feedback and labeling tables.
                    var evaluation = await EvaluationStore.OpenAsync(DatabasePath);
                    await using (var connection = await evaluation.OpenConnectionAsync())
                    {
                        await FeedbackSchema.MigrateAsync(connection, CancellationToken.None);
                        await LabelingSchema.MigrateAsync(connection, CancellationToken.None);
                    }
                    Volatile.Write(ref connectionString, SqliteDatabase.ConnectionString(DatabasePath));
                }
                opened = connectionString!;
            }
            finally
            {
                opening.Release();
            }
        }
        return await SqliteDatabase.OpenAsync(opened);
    }

    private sealed class LabelerRow
    {
        public const string Select = "SELECT id AS Id, name AS Name, token_sha256 AS TokenSha256, created_at AS CreatedAt, revoked_at AS RevokedAt FROM labeling_labelers";

        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string TokenSha256 { get; set; } = "";
        public string CreatedAt { get; set; } = "";
        public string? RevokedAt { get; set; }

        public LabelerRecord ToRecord() => new(Id, Name, TokenSha256, StoredTime.Parse(CreatedAt), RevokedAt is null ? null : StoredTime.Parse(RevokedAt));
    }

    private sealed class BatchRow
    {
        public string Id { get; set; } = "";
        public long Overlap { get; set; }
        public string ReadyAt { get; set; } = "";
        public string? ClosedAt { get; set; }
        public long Tasks { get; set; }
        public long Submissions { get; set; }
        public long Skips { get; set; }
        public long CompletedTasks { get; set; }

        public BatchState ToState() => new(Id, (int)Overlap, StoredTime.Parse(ReadyAt), ClosedAt is null ? null : StoredTime.Parse(ClosedAt),
            (int)Tasks, (int)Submissions, (int)Skips, (int)CompletedTasks);
    }
}
