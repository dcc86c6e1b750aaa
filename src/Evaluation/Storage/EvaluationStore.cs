using System.Text.Json;
using Dapper;
using InstructGpt.Database;
using Microsoft.Data.Sqlite;

namespace InstructGpt.Evaluation.Storage;

/// <summary>
/// The evaluation tables in the project's one SQLite file (<c>$INSTRUCTGPT_HOME/instructgpt.db</c>), through
/// Dapper. Every write is its own transaction; a sample is committed the moment it is recorded, so a crashed or
/// cancelled run loses at most the sample in flight and resumes from <see cref="ListCompletedSamplesAsync"/>.
/// Connections are opened per call (Microsoft.Data.Sqlite pools them), with foreign keys on and a busy timeout,
/// so the API, the CLI and a background runner can share the file; the database is in WAL mode, so readers never
/// block the writer.
/// </summary>
public sealed partial class EvaluationStore
{
    /// <summary>How long a writer waits for another writer's lock before SQLite reports the database busy.</summary>
    public const int BusyTimeoutMilliseconds = SqliteDatabase.BusyTimeoutMilliseconds;

    /// <summary>The database's file name inside <c>INSTRUCTGPT_HOME</c> (docs/data-directory.md).</summary>
    public const string DatabaseFileName = "instructgpt.db";

    private readonly string connectionString;
    private readonly TimeProvider timeProvider;

    private EvaluationStore(string databasePath, TimeProvider clock)
    {
        DatabasePath = Path.GetFullPath(databasePath);
        timeProvider = clock;
        connectionString = SqliteDatabase.ConnectionString(DatabasePath);
    }

    public string DatabasePath { get; }

    /// <summary>Opens (creating if needed) the database at <paramref name="databasePath"/>, switches it to WAL and applies the evaluation migrations.</summary>
    public static async Task<EvaluationStore> OpenAsync(string databasePath, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        await SqliteDatabase.PrepareFileAsync(databasePath, cancellationToken);
        var store = new EvaluationStore(databasePath, clock ?? TimeProvider.System);
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        await EvaluationSchema.MigrateAsync(connection, cancellationToken);
        return store;
    }

    /// <summary>A new open connection with this store's settings; the caller disposes it.</summary>
    public Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken = default) =>
        SqliteDatabase.OpenAsync(connectionString, cancellationToken);

    // ---- runs -------------------------------------------------------------------------------------------------

    /// <summary>Stores a new run (status as given, usually queued) and returns it with its times set.</summary>
    public async Task<EvaluationRun> CreateRunAsync(EvaluationRun run, CancellationToken cancellationToken = default)
    {
        ValidateJsonObject(run.ConfigJson, nameof(run.ConfigJson));
        var now = timeProvider.GetUtcNow();
        var created = run with { CreatedAt = now, UpdatedAt = now };
        await WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO evaluation_runs (id, created_at, updated_at, status, config_json, models_json, baseline, eval_set, judges_json, error)
                VALUES (@Id, @CreatedAt, @UpdatedAt, @Status, @ConfigJson, @ModelsJson, @Baseline, @EvalSet, @JudgesJson, @Error)
                """,
                RunRow.From(created),
                transaction,
                cancellationToken: cancellationToken));
        }, cancellationToken);
        return created;
    }

    public async Task<EvaluationRun?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition(
            $"{RunRow.Select} WHERE id = @runId", new { runId }, cancellationToken: cancellationToken));
        return row?.ToRun();
    }

    /// <summary>All runs, newest first.</summary>
    public async Task<IReadOnlyList<EvaluationRun>> ListRunsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<RunRow>(new CommandDefinition(
            $"{RunRow.Select} ORDER BY created_at DESC, id", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRun()).ToArray();
    }

    /// <summary>Moves a run to <paramref name="status"/>; <paramref name="error"/> says why when it failed.</summary>
    public async Task SetRunStatusAsync(string runId, RunStatus status, string? error = null, CancellationToken cancellationToken = default)
    {
        await WriteAsync(async (connection, transaction) =>
        {
            var changed = await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE evaluation_runs SET status = @Status, error = @error, updated_at = @UpdatedAt WHERE id = @runId",
                new { Status = status.ToName(), error, UpdatedAt = StoredTime.Format(timeProvider.GetUtcNow()), runId },
                transaction,
                cancellationToken: cancellationToken));
            if (changed == 0)
                throw new KeyNotFoundException($"There is no evaluation run '{runId}'.");
        }, cancellationToken);
    }

    // ---- samples ----------------------------------------------------------------------------------------------

    /// <summary>
    /// Commits one sample in its own transaction. Returns false, changing nothing, when the run already holds a
    /// sample with the same key (model, prompt id, variant, sample index, judge): a resumed run may offer a sample
    /// twice, and it is counted once.
    /// </summary>
    public async Task<bool> RecordSampleAsync(EvaluationSample sample, CancellationToken cancellationToken = default)
    {
        ValidateSample(sample);
        var row = SampleRow.From(sample, sample.CreatedAt == default ? timeProvider.GetUtcNow() : sample.CreatedAt);
        var inserted = 0;
        await WriteAsync(async (connection, transaction) =>
        {
            // ON CONFLICT names the key, unlike INSERT OR IGNORE, which would also silently drop rows that break a
            // CHECK or NOT NULL constraint.
            inserted = await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO evaluation_samples
                    (run_id, model, prompt_id, category, variant, sample_index, prompt, output, judge, likert,
                     flags_json, reasons_json, toxicity, rm_score, finish_reason, created_at)
                VALUES
                    (@RunId, @Model, @PromptId, @Category, @Variant, @SampleIndex, @Prompt, @Output, @Judge, @Likert,
                     @FlagsJson, @ReasonsJson, @Toxicity, @RmScore, @FinishReason, @CreatedAt)
                ON CONFLICT (run_id, model, prompt_id, variant, sample_index, judge) DO NOTHING
                """,
                row,
                transaction,
                cancellationToken: cancellationToken));
        }, cancellationToken);
        return inserted == 1;
    }

    /// <summary>The keys of every sample the run already holds: what a resumed run must not produce again.</summary>
    public async Task<IReadOnlySet<SampleKey>> ListCompletedSamplesAsync(string runId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Model, string PromptId, string Variant, long SampleIndex, string Judge)>(new CommandDefinition(
            "SELECT model, prompt_id, variant, sample_index, judge FROM evaluation_samples WHERE run_id = @runId",
            new { runId },
            cancellationToken: cancellationToken));
        return rows.Select(r => new SampleKey(r.Model, r.PromptId, r.Variant, checked((int)r.SampleIndex), r.Judge)).ToHashSet();
    }

    /// <summary>
    /// One page of a run's samples, optionally of one model and one judge, in <see cref="ListSamplesAsync"/>'s order, with
    /// how many match in all: the database does the filtering and the paging, so a large run is never read whole.
    /// </summary>
    public async Task<(IReadOnlyList<EvaluationSample> Page, int Total)> PageSamplesAsync(string runId, string? model, string? judge, int offset, int limit,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        const string Where = "WHERE run_id = @runId AND (@model IS NULL OR model = @model) AND (@judge IS NULL OR judge = @judge)";
        var parameters = new { runId, model, judge, offset, limit };
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM evaluation_samples {Where}", parameters, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<SampleRow>(new CommandDefinition(
            $"{SampleRow.Select} {Where} ORDER BY model, prompt_id, variant, sample_index, judge LIMIT @limit OFFSET @offset",
            parameters, cancellationToken: cancellationToken));
        return (rows.Select(r => r.ToSample()).ToArray(), checked((int)total));
    }

    /// <summary>Every sample of a run in a stable order (model, prompt, variant, sample index, judge).</summary>
    public async Task<IReadOnlyList<EvaluationSample>> ListSamplesAsync(string runId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<SampleRow>(new CommandDefinition(
            $"{SampleRow.Select} WHERE run_id = @runId ORDER BY model, prompt_id, variant, sample_index, judge",
            new { runId },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToSample()).ToArray();
    }

    // ---- plumbing ---------------------------------------------------------------------------------------------

    /// <summary>Runs <paramref name="write"/> in one transaction on a fresh connection: committed if it returns, rolled back if it throws.</summary>
    private async Task WriteAsync(Func<SqliteConnection, SqliteTransaction, Task> write, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await write(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    private static void ValidateSample(EvaluationSample sample)
    {
        if (sample.Output.SampleIndex < 0)
            throw new ArgumentOutOfRangeException(nameof(sample), sample.Output.SampleIndex, "A sample index counts from 0.");
        if (sample.Label.Likert is < 1 or > 7)
            throw new ArgumentOutOfRangeException(nameof(sample), sample.Label.Likert, "A Likert score lies in 1–7 (InstructGPT Figure 5).");
        if (sample.Label.Toxicity is { } toxicity && !(toxicity >= 0 && toxicity <= 1))
            throw new ArgumentOutOfRangeException(nameof(sample), toxicity, "A toxicity score lies in [0, 1].");
        if (sample.Label.RmScore is { } score && !double.IsFinite(score))
            throw new ArgumentOutOfRangeException(nameof(sample), score, "A reward-model score must be finite.");
    }

    private static void ValidateJsonObject(string json, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new ArgumentException($"{name} must be a JSON object.", name);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"{name} is not valid JSON: {e.Message}", name, e);
        }
    }
}
