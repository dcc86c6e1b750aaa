using System.Text.Json;
using Dapper;
using InstructGpt.Api.Auth;
using InstructGpt.Api.Feedback;
using InstructGpt.Database;
using InstructGpt.Evaluation.Storage;
using Microsoft.Data.Sqlite;

namespace InstructGpt.Api.Labeling;

/// <summary>Tasks: who holds which, submissions and skips.</summary>
public sealed partial class LabelingStore
{
    // A task a labeler may be given: in an open batch, never theirs before, and fewer than overlap labelers hold or submitted it.
    private const string Assignable = """
        FROM labeling_tasks t JOIN labeling_batches b ON b.id = t.batch_id
        WHERE b.closed_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM labeling_assignments a WHERE a.task_id = t.id AND a.labeler_id = @labelerId)
          AND (SELECT COUNT(*) FROM labeling_assignments a WHERE a.task_id = t.id AND a.status IN ('assigned', 'submitted')) < b.overlap
        """;

    /// <summary>
    /// The labeler's unfinished task, or a newly assigned one (oldest batch first, then task order), decided under the write lock.
    /// Other labelers' assignments older than <paramref name="lease"/> are expired first, which frees their slots.
    /// </summary>
    public async Task<Assignment> NextAsync(string labelerId, TimeSpan lease)
    {
        var now = DateTimeOffset.UtcNow;
        await using var connection = await OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE labeling_assignments SET status = 'expired' WHERE status = 'assigned' AND assigned_at < @cutoff AND labeler_id <> @labelerId
            """, new { cutoff = StoredTime.Format(now - lease), labelerId }, transaction));
        var held = await connection.QueryFirstOrDefaultAsync<(long TaskId, string AssignedAt)?>(new CommandDefinition("""
            SELECT a.task_id, a.assigned_at FROM labeling_assignments a
            JOIN labeling_tasks t ON t.id = a.task_id JOIN labeling_batches b ON b.id = t.batch_id
            WHERE a.labeler_id = @labelerId AND a.status = 'assigned' AND b.closed_at IS NULL ORDER BY a.assigned_at, a.id LIMIT 1
            """, new { labelerId }, transaction));
        if (held is null)
        {
            var next = await connection.QueryFirstOrDefaultAsync<long?>(new CommandDefinition(
                $"SELECT t.id {Assignable} ORDER BY b.created_at, b.id, t.position LIMIT 1", new { labelerId }, transaction));
            if (next is { } taskId)
            {
                var assignedAt = StoredTime.Format(now);
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO labeling_assignments (task_id, labeler_id, status, assigned_at) VALUES (@taskId, @labelerId, 'assigned', @assignedAt)
                    """, new { taskId, labelerId, assignedAt }, transaction));
                held = (taskId, assignedAt);
            }
        }
        var finished = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM labeling_assignments WHERE labeler_id = @labelerId AND status IN ('submitted', 'skipped')", new { labelerId }, transaction));
        var open = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) {Assignable}", new { labelerId }, transaction));
        var task = held is { } h ? await TaskAsync(connection, transaction, h.TaskId) : null;
        await transaction.CommitAsync();
        return new Assignment(task, held is { } a ? StoredTime.Parse(a.AssignedAt) : null, (int)finished, (int)open + (task is null ? 0 : 1));
    }

    public async Task<LabelingTask?> GetTaskAsync(long taskId)
    {
        await using var connection = await OpenAsync();
        return await TaskAsync(connection, null, taskId);
    }

    /// <summary>
    /// Writes a submission in one transaction: a human label and a feedback rating (same id) per output, the comparison, and the
    /// assignment marked submitted. Null, writing nothing, when the task is not the labeler's open assignment.
    /// </summary>
    public async Task<SubmissionResult?> SubmitAsync(LabelerIdentity labeler, LabelingTask task, ValidSubmission submission)
    {
        var now = DateTimeOffset.UtcNow;
        var createdAt = FeedbackStore.FormatTime(now);
        await using var connection = await OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        if (!await HoldsAsync(connection, transaction, task.Id, labeler.Id)) return null;
        var ratingIds = new List<long>();
        foreach (var rating in submission.Ratings)
        {
            var output = task.Outputs.Single(o => o.Label == rating.Label);
            // The human judge's label and the feedback rating share one id, as /v1/feedback/ratings stores them.
            var id = await EvaluationStore.InsertHumanLabelAsync(connection, transaction, new HumanLabel
            {
                PromptId = task.Task.Id, Prompt = task.Task.Prompt, Output = output.Text, Likert = rating.Likert, Flags = rating.Flags,
                Labeler = labeler.Name, CreatedAt = now,
            });
            await connection.ExecuteAsync(new CommandDefinition(FeedbackStore.RatingRow.Insert, new FeedbackStore.RatingRow
            {
                Id = id, PromptId = task.Task.Id, Prompt = task.Task.Prompt, Output = output.Text, Model = output.Model, Likert = rating.Likert,
                FlagsJson = JsonSerializer.Serialize(rating.Flags), Comment = submission.Comment, Labeler = labeler.Name, CreatedAt = createdAt,
                BatchId = task.BatchId, TaskId = task.Id, OutputLabel = rating.Label,
            }, transaction));
            ratingIds.Add(id);
        }
        var comparisonId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(FeedbackStore.ComparisonRow.Insert, new FeedbackStore.ComparisonRow
        {
            Prompt = task.Task.Prompt, OutputsJson = JsonSerializer.Serialize(task.Outputs.Select(o => o.Text)), RankingJson = JsonSerializer.Serialize(submission.Ranking),
            RanksJson = submission.HasTies ? JsonSerializer.Serialize(submission.Ranks) : null, Labeler = labeler.Name, CreatedAt = createdAt,
            BatchId = task.BatchId, TaskId = task.Id, Comment = submission.Comment,
        }, transaction));
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE labeling_assignments SET status = 'submitted', finished_at = @createdAt, seconds = @Seconds, comparison_id = @comparisonId
            WHERE task_id = @taskId AND labeler_id = @labelerId
            """, new { createdAt, submission.Seconds, comparisonId, taskId = task.Id, labelerId = labeler.Id }, transaction));
        await transaction.CommitAsync();
        return new SubmissionResult(SubmissionResult.ObjectName, task.Id, ratingIds, comparisonId);
    }

    /// <summary>Marks the labeler's open assignment of the task skipped, freeing its slot; false when they hold no such assignment.</summary>
    public async Task<bool> SkipAsync(string labelerId, long taskId, string? reason)
    {
        await using var connection = await OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var skipped = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE labeling_assignments SET status = 'skipped', finished_at = @now, skip_reason = @reason
            WHERE task_id = @taskId AND labeler_id = @labelerId AND status = 'assigned'
            """, new { now = StoredTime.Format(DateTimeOffset.UtcNow), reason, taskId, labelerId }, transaction));
        await transaction.CommitAsync();
        return skipped == 1;
    }

    private static async Task<bool> HoldsAsync(SqliteConnection connection, SqliteTransaction transaction, long taskId, string labelerId) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM labeling_assignments WHERE task_id = @taskId AND labeler_id = @labelerId AND status = 'assigned'",
            new { taskId, labelerId }, transaction)) == 1;

    private static async Task<LabelingTask?> TaskAsync(SqliteConnection connection, SqliteTransaction? transaction, long taskId) =>
        (await connection.QuerySingleOrDefaultAsync<TaskRow>(new CommandDefinition($"{TaskRow.Select} WHERE id = @taskId", new { taskId }, transaction)))?.ToTask();

    internal sealed class TaskRow
    {
        public const string Select = "SELECT id AS Id, batch_id AS BatchId, position AS Position, task_json AS TaskJson, outputs_json AS OutputsJson FROM labeling_tasks";

        public long Id { get; set; }
        public string BatchId { get; set; } = "";
        public long Position { get; set; }
        public string TaskJson { get; set; } = "{}";
        public string OutputsJson { get; set; } = "[]";

        public LabelingTask ToTask() => new(Id, BatchId, (int)Position, PromptTaskJson.Read(TaskJson),
            JsonSerializer.Deserialize<TaskOutput[]>(OutputsJson, Json) ?? []);
    }
}
