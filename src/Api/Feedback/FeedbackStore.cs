using System.Globalization;
using System.Text.Json;
using Dapper;
using InstructGpt.Api.Hosting;
using InstructGpt.Evaluation.Storage;
using InstructGpt.Training.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace InstructGpt.Api.Feedback;

/// <summary>
/// Ratings and comparisons in <c>$INSTRUCTGPT_HOME/instructgpt.db</c>. A rating goes in as a human label through
/// <see cref="EvaluationStore.AddHumanLabelAsync"/>, so evaluation runs use it as the human judge, and in
/// <c>feedback_ratings</c> under the same id. Those are two transactions (the label's belongs to the evaluation
/// store); if the second fails, the request fails and the label stays, still usable by the human judge.
/// Comparisons live in <c>feedback_comparisons</c>. The database is opened (and migrated) on first use, and again
/// after a failed attempt.
/// </summary>
public sealed class FeedbackStore(IOptions<DataOptions> data)
{
    private const string TimePattern = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'"; // the evaluation tables' fixed-width UTC text

    private readonly SemaphoreSlim opening = new(1, 1);
    private EvaluationStore? store;

    public string DatabasePath => Path.Combine(data.Value.FullHome, EvaluationStore.DatabaseFileName);

    public async Task<FeedbackRating> AddRatingAsync(ValidRating rating)
    {
        // Not cancellable once validated: the label and its feedback row are written together or the request fails.
        var evaluation = await OpenAsync(CancellationToken.None);
        var label = await evaluation.AddHumanLabelAsync(new HumanLabel
        {
            PromptId = rating.PromptId, Prompt = rating.Prompt, Output = rating.Output, Likert = rating.Likert,
            Flags = rating.Flags, Labeler = rating.Labeler,
        });
        var row = new RatingRow
        {
            Id = label.Id, PromptId = rating.PromptId, Prompt = rating.Prompt, Output = rating.Output, Model = rating.Model,
            Likert = rating.Likert, FlagsJson = JsonSerializer.Serialize(rating.Flags), Comment = rating.Comment,
            Labeler = rating.Labeler, CreatedAt = FormatTime(label.CreatedAt),
        };
        await WriteAsync(evaluation, RatingRow.Insert, row);
        return row.ToRating();
    }

    public async Task<FeedbackComparison> AddComparisonAsync(ValidComparison comparison)
    {
        var evaluation = await OpenAsync(CancellationToken.None);
        var row = new ComparisonRow
        {
            Prompt = comparison.Prompt, OutputsJson = JsonSerializer.Serialize(comparison.Outputs), RankingJson = JsonSerializer.Serialize(comparison.Ranking),
            RanksJson = comparison.Ranks is null ? null : JsonSerializer.Serialize(comparison.Ranks), Labeler = comparison.Labeler,
            CreatedAt = FormatTime(DateTimeOffset.UtcNow),
        };
        row.Id = await WriteAsync(evaluation, ComparisonRow.Insert, row);
        return row.ToComparison();
    }

    public async Task<FeedbackPage<FeedbackRating>> ListRatingsAsync(long after, int limit, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync<RatingRow>($"{RatingRow.Select} WHERE id > @after ORDER BY id LIMIT @take", new { after, take = limit + 1 }, cancellationToken);
        return Page(rows.Select(r => r.ToRating()).ToList(), limit, r => r.Id);
    }

    public async Task<FeedbackRating?> GetRatingAsync(long id, CancellationToken cancellationToken) =>
        (await QueryAsync<RatingRow>($"{RatingRow.Select} WHERE id = @id", new { id }, cancellationToken)).SingleOrDefault()?.ToRating();

    public async Task<FeedbackPage<FeedbackComparison>> ListComparisonsAsync(long after, int limit, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync<ComparisonRow>($"{ComparisonRow.Select} WHERE id > @after ORDER BY id LIMIT @take", new { after, take = limit + 1 }, cancellationToken);
        return Page(rows.Select(r => r.ToComparison()).ToList(), limit, c => c.Id);
    }

    public async Task<FeedbackComparison?> GetComparisonAsync(long id, CancellationToken cancellationToken) =>
        (await QueryAsync<ComparisonRow>($"{ComparisonRow.Select} WHERE id = @id", new { id }, cancellationToken)).SingleOrDefault()?.ToComparison();

    /// <summary>
    /// Every comparison (or those entered on labeling batch <paramref name="batchId"/>), oldest first, written by
    /// <see cref="ComparisonDataset.Write"/> to <paramref name="path"/>: the file the reward-model stage reads, record ids "feedback-comparison-ID".
    /// </summary>
    public async Task<int> ExportComparisonsAsync(string path, string? batchId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync<ComparisonRow>($"{ComparisonRow.Select} {(batchId is null ? "" : "WHERE batch_id = @batchId")} ORDER BY id", new { batchId }, cancellationToken);
        var records = rows.Select(r => r.ToValid().ToComparison($"feedback-comparison-{r.Id}")).ToList();
        await Task.Run(() => ComparisonDataset.Write(path, records), cancellationToken);
        return records.Count;
    }

    private static FeedbackPage<T> Page<T>(List<T> rows, int limit, Func<T, long> id)
    {
        var hasMore = rows.Count > limit;
        if (hasMore) rows.RemoveAt(rows.Count - 1);
        return new FeedbackPage<T>("list", rows, rows.Count > 0 ? id(rows[0]) : null, rows.Count > 0 ? id(rows[^1]) : null, hasMore);
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters, CancellationToken cancellationToken)
    {
        var evaluation = await OpenAsync(cancellationToken);
        await using var connection = await evaluation.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>One statement in its own transaction; returns the scalar it selects (the new id), if any.</summary>
    private static async Task<long> WriteAsync(EvaluationStore evaluation, string sql, object parameters)
    {
        await using var connection = await evaluation.OpenConnectionAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(sql, parameters, transaction));
        await transaction.CommitAsync();
        return id ?? 0;
    }

    private async Task<EvaluationStore> OpenAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref store) is { } opened) return opened;
        await opening.WaitAsync(cancellationToken);
        try
        {
            if (store is null)
            {
                var evaluation = await EvaluationStore.OpenAsync(DatabasePath, cancellationToken: cancellationToken);
                await using (var connection = await evaluation.OpenConnectionAsync(cancellationToken))
                    await FeedbackSchema.MigrateAsync(connection, cancellationToken);
                Volatile.Write(ref store, evaluation);
            }
            return store!;
        }
        finally
        {
            opening.Release();
        }
    }

    internal static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString(TimePattern, CultureInfo.InvariantCulture);

    private static long UnixSeconds(string stored) =>
        DateTimeOffset.ParseExact(stored, TimePattern, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUnixTimeSeconds();

    /// <summary>A feedback_ratings row; <see cref="Insert"/> is the one insert, also for ratings entered on a labeling batch's task.</summary>
    internal sealed class RatingRow
    {
        public const string Insert = """
            INSERT INTO feedback_ratings (id, prompt_id, prompt, output, model, likert, flags_json, comment, labeler, created_at, batch_id, task_id, output_label)
            VALUES (@Id, @PromptId, @Prompt, @Output, @Model, @Likert, @FlagsJson, @Comment, @Labeler, @CreatedAt, @BatchId, @TaskId, @OutputLabel)
            """;

        public const string Select = """
            SELECT id AS Id, prompt_id AS PromptId, prompt AS Prompt, output AS Output, model AS Model, likert AS Likert,
                   flags_json AS FlagsJson, comment AS Comment, labeler AS Labeler, created_at AS CreatedAt
            FROM feedback_ratings
            """;

        public long Id { get; set; }
        public string? PromptId { get; set; }
        public string Prompt { get; set; } = "";
        public string Output { get; set; } = "";
        public string? Model { get; set; }
        public long Likert { get; set; }
        public string FlagsJson { get; set; } = "{}";
        public string? Comment { get; set; }
        public string Labeler { get; set; } = "";
        public string CreatedAt { get; set; } = "";
        public string? BatchId { get; set; }
        public long? TaskId { get; set; }
        public string? OutputLabel { get; set; }

        public FeedbackRating ToRating() => new(
            Id, FeedbackRating.ObjectName, PromptId, Prompt, Output, Model, checked((int)Likert),
            JsonSerializer.Deserialize<Dictionary<string, bool>>(FlagsJson)!, Comment, Labeler, UnixSeconds(CreatedAt));
    }

    /// <summary>A feedback_comparisons row; <see cref="Insert"/> is the one insert, also for rankings entered on a labeling batch's task.</summary>
    internal sealed class ComparisonRow
    {
        public const string Insert = """
            INSERT INTO feedback_comparisons (prompt, outputs_json, ranking_json, ranks_json, labeler, created_at, batch_id, task_id, comment)
            VALUES (@Prompt, @OutputsJson, @RankingJson, @RanksJson, @Labeler, @CreatedAt, @BatchId, @TaskId, @Comment) RETURNING id
            """;

        public const string Select = """
            SELECT id AS Id, prompt AS Prompt, outputs_json AS OutputsJson, ranking_json AS RankingJson, ranks_json AS RanksJson,
                   labeler AS Labeler, created_at AS CreatedAt
            FROM feedback_comparisons
            """;

        public long Id { get; set; }
        public string Prompt { get; set; } = "";
        public string OutputsJson { get; set; } = "[]";
        public string RankingJson { get; set; } = "[]";
        public string? RanksJson { get; set; }
        public string Labeler { get; set; } = "";
        public string CreatedAt { get; set; } = "";
        public string? BatchId { get; set; }
        public long? TaskId { get; set; }
        public string? Comment { get; set; }

        public ValidComparison ToValid() => new(
            Prompt, JsonSerializer.Deserialize<string[]>(OutputsJson)!, JsonSerializer.Deserialize<int[]>(RankingJson)!,
            RanksJson is null ? null : JsonSerializer.Deserialize<int[]>(RanksJson), Labeler);

        public FeedbackComparison ToComparison()
        {
            var valid = ToValid();
            return new(Id, FeedbackComparison.ObjectName, Prompt, valid.Outputs, valid.Ranking, valid.Ranks, Labeler, UnixSeconds(CreatedAt));
        }
    }
}
