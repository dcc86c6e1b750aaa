using System.Text.Json;
using Dapper;
using InstructGpt.Database;
using InstructGpt.Tasks.Labeling;

namespace InstructGpt.Api.Labeling;

/// <summary>What the batch's owner reviews: its tasks with their assignments, and the rankings agreement is measured on.</summary>
public sealed partial class LabelingStore
{
    /// <summary>A page of a batch's tasks in task order, with every assignment, and the batch's task count.</summary>
    public async Task<(IReadOnlyList<TaskDetail> Tasks, int Total)> ListTasksAsync(string batchId, int offset, int limit)
    {
        await using var connection = await OpenAsync();
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM labeling_tasks WHERE batch_id = @batchId", new { batchId }));
        var tasks = (await connection.QueryAsync<TaskRow>(new CommandDefinition(
            $"{TaskRow.Select} WHERE batch_id = @batchId ORDER BY position LIMIT @limit OFFSET @offset", new { batchId, limit, offset }))).Select(r => r.ToTask()).ToArray();
        var ids = tasks.Select(t => t.Id).ToArray();
        var assignments = (await connection.QueryAsync<AssignmentRow>(new CommandDefinition("""
            SELECT a.task_id AS TaskId, l.name AS Labeler, a.status AS Status, a.assigned_at AS AssignedAt, a.finished_at AS FinishedAt,
                   a.seconds AS Seconds, a.comparison_id AS ComparisonId, a.skip_reason AS SkipReason
            FROM labeling_assignments a JOIN labeling_labelers l ON l.id = a.labeler_id WHERE a.task_id IN @ids ORDER BY a.id
            """, new { ids }))).ToLookup(a => a.TaskId);
        return (tasks.Select(t => TaskDetail.From(t, assignments[t.Id].Select(a => a.ToAssignment()).ToArray())).ToArray(), (int)total);
    }

    /// <summary>Every ranking entered on the batch, oldest first.</summary>
    public async Task<IReadOnlyList<StoredRanking>> RankingsAsync(string batchId)
    {
        await using var connection = await OpenAsync();
        var rows = await connection.QueryAsync<RankingRow>(new CommandDefinition("""
            SELECT c.task_id AS TaskId, c.labeler AS Labeler, t.task_json AS TaskJson, c.outputs_json AS OutputsJson, c.ranking_json AS RankingJson, c.ranks_json AS RanksJson
            FROM feedback_comparisons c JOIN labeling_tasks t ON t.id = c.task_id WHERE c.batch_id = @batchId ORDER BY c.id
            """, new { batchId }));
        return rows.Select(r => new StoredRanking(r.TaskId, r.Labeler, PromptTaskJson.Read(r.TaskJson), JsonSerializer.Deserialize<string[]>(r.OutputsJson)!,
            LabelerRanking.RanksByOutput(JsonSerializer.Deserialize<int[]>(r.RankingJson)!, r.RanksJson is null ? null : JsonSerializer.Deserialize<int[]>(r.RanksJson)))).ToArray();
    }

    private sealed class AssignmentRow
    {
        public long TaskId { get; set; }
        public string Labeler { get; set; } = "";
        public string Status { get; set; } = "";
        public string AssignedAt { get; set; } = "";
        public string? FinishedAt { get; set; }
        public double? Seconds { get; set; }
        public long? ComparisonId { get; set; }
        public string? SkipReason { get; set; }

        public TaskAssignment ToAssignment() => new(Labeler, Status, StoredTime.Parse(AssignedAt).ToUnixTimeSeconds(),
            FinishedAt is null ? null : StoredTime.Parse(FinishedAt).ToUnixTimeSeconds(), Seconds, ComparisonId, SkipReason);
    }

    private sealed class RankingRow
    {
        public long TaskId { get; set; }
        public string Labeler { get; set; } = "";
        public string TaskJson { get; set; } = "{}";
        public string OutputsJson { get; set; } = "[]";
        public string RankingJson { get; set; } = "[]";
        public string? RanksJson { get; set; }
    }
}
