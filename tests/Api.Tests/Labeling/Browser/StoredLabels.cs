using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace InstructGpt.Api.Tests.Labeling.Browser;

/// <summary>Reads what the server stored for a labeling task straight from its SQLite database (the tests check rows, not the API's view of them).</summary>
public sealed class StoredLabels(string databasePath)
{
    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private IReadOnlyList<T> Query<T>(string sql, long taskId, Func<SqliteDataReader, T> read)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$task", taskId);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }

    private static string? Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    private static long? Long(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public IReadOnlyList<StoredRating> Ratings(long taskId) => Query("""
        SELECT r.id, r.output_label, r.model, r.likert, r.flags_json, r.comment, r.labeler, r.batch_id, r.task_id, r.prompt, r.output,
               h.likert, h.flags_json, h.labeler
        FROM feedback_ratings r LEFT JOIN evaluation_human_labels h ON h.id = r.id
        WHERE r.task_id = $task ORDER BY r.output_label
        """, taskId, r => new StoredRating(r.GetInt64(0), r.GetString(1), Text(r, 2), r.GetInt64(3), Parse(r.GetString(4)), Text(r, 5), r.GetString(6),
        Text(r, 7), Long(r, 8), r.GetString(9), r.GetString(10), Long(r, 11), Text(r, 12) is { } h ? Parse(h) : null, Text(r, 13)));

    public IReadOnlyList<StoredComparison> Comparisons(long taskId) => Query("""
        SELECT id, outputs_json, ranking_json, ranks_json, labeler, batch_id, task_id, comment FROM feedback_comparisons WHERE task_id = $task
        """, taskId, r => new StoredComparison(r.GetInt64(0), JsonSerializer.Deserialize<string[]>(r.GetString(1))!, JsonSerializer.Deserialize<int[]>(r.GetString(2))!,
        Text(r, 3) is { } ranks ? JsonSerializer.Deserialize<int[]>(ranks) : null, r.GetString(4), Text(r, 5), Long(r, 6), Text(r, 7)));

    public IReadOnlyList<StoredOutput> Outputs(long taskId) => Query("SELECT outputs_json FROM labeling_tasks WHERE id = $task", taskId, r => r.GetString(0))
        .SelectMany(json => Parse(json).EnumerateArray().Select(o => new StoredOutput(o.GetProperty("label").GetString()!, o.GetProperty("text").GetString()!,
            o.GetProperty("model").GetString()!))).ToList();

    /// <summary>The task's assignments: labeler id, status and the seconds recorded at submission.</summary>
    public IReadOnlyList<(string LabelerId, string Status, double? Seconds)> Assignments(long taskId) => Query(
        "SELECT labeler_id, status, seconds FROM labeling_assignments WHERE task_id = $task ORDER BY id", taskId,
        r => (r.GetString(0), r.GetString(1), r.IsDBNull(2) ? (double?)null : r.GetDouble(2)));

    /// <summary>
    /// Replaces the text of output <paramref name="label"/> of a task (how the untrusted-text test puts script tags and a long line
    /// in front of the page: the batch is sampled normally, then its stored output is rewritten before the labeler opens it).
    /// </summary>
    public void ReplaceOutput(long taskId, string label, string text)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE labeling_tasks SET outputs_json = (
                SELECT json_group_array(CASE WHEN json_extract(o.value, '$.label') = $label THEN json_set(o.value, '$.text', $text) ELSE json(o.value) END)
                FROM json_each(labeling_tasks.outputs_json) o)
            WHERE id = $task
            """;
        command.Parameters.AddWithValue("$task", taskId);
        command.Parameters.AddWithValue("$label", label);
        command.Parameters.AddWithValue("$text", text);
        if (command.ExecuteNonQuery() != 1) throw new InvalidOperationException($"task {taskId} was not found");
    }
}
