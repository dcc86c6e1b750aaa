using Dapper;
using InstructGpt.Database;
using Microsoft.Data.Sqlite;

namespace InstructGpt.Api.Jobs;

/// <summary>
/// The job tables in <c>$INSTRUCTGPT_HOME/instructgpt.db</c>, through Dapper. Every write is one transaction.
/// Connections are opened per call (Microsoft.Data.Sqlite pools them) with foreign keys on and a busy timeout; the
/// file is in WAL mode, so the API's readers never wait for a training job's progress writes. Progress is written
/// synchronously from the training thread (it owns a dedicated thread, so no request thread waits on it).
/// </summary>
public sealed class JobStore
{
    public const string DatabaseFileName = "instructgpt.db";
    private readonly string connectionString;
    private readonly TimeProvider clock;

    private JobStore(string databasePath, TimeProvider clock)
    {
        DatabasePath = Path.GetFullPath(databasePath);
        this.clock = clock;
        connectionString = SqliteDatabase.ConnectionString(DatabasePath);
    }

    public string DatabasePath { get; }

    /// <summary>Opens (creating if needed) the database, switches it to WAL and applies the job migrations.</summary>
    public static async Task<JobStore> OpenAsync(string databasePath, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        await SqliteDatabase.PrepareFileAsync(databasePath, cancellationToken);
        var store = new JobStore(databasePath, clock ?? TimeProvider.System);
        await using var connection = store.Open();
        await JobsSchema.MigrateAsync(connection, cancellationToken);
        return store;
    }

    private SqliteConnection Open() => SqliteDatabase.Open(connectionString);

    private string Now() => JobTime.Format(clock.GetUtcNow());

    /// <summary>Runs <paramref name="write"/> in one transaction and returns what it returns.</summary>
    private T Write<T>(Func<SqliteConnection, SqliteTransaction, T> write)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        var result = write(connection, transaction);
        transaction.Commit();
        return result;
    }

    public JobRecord Create(JobRecord job)
    {
        var now = clock.GetUtcNow();
        var created = job with { Status = JobStatus.Queued, CreatedAt = now, UpdatedAt = now };
        Write((c, t) => c.Execute("""
            INSERT INTO jobs_jobs (id, kind, stage, request_json, status, created_at, updated_at)
            VALUES (@Id, @Kind, @Stage, @RequestJson, 'queued', @CreatedAt, @CreatedAt)
            """, new { created.Id, Kind = created.Kind.ToName(), created.Stage, created.RequestJson, CreatedAt = JobTime.Format(now) }, t));
        return created;
    }

    public JobRecord? Get(string id)
    {
        using var connection = Open();
        return connection.QuerySingleOrDefault<JobRow>($"{JobRow.Select} WHERE id = @id", new { id })?.ToRecord();
    }

    /// <summary>Jobs of one kind, newest first.</summary>
    public IReadOnlyList<JobRecord> List(JobKind kind, int limit)
    {
        using var connection = Open();
        return connection.Query<JobRow>($"{JobRow.Select} WHERE kind = @Kind ORDER BY created_at DESC, id DESC LIMIT @limit", new { Kind = kind.ToName(), limit })
            .Select(r => r.ToRecord()).ToList();
    }

    /// <summary>Jobs in any of these states, oldest first (the order they were queued in).</summary>
    public IReadOnlyList<JobRecord> WithStatus(params JobStatus[] statuses)
    {
        using var connection = Open();
        return connection.Query<JobRow>($"{JobRow.Select} WHERE status IN @Names ORDER BY created_at, id", new { Names = statuses.Select(s => s.ToName()).ToArray() })
            .Select(r => r.ToRecord()).ToList();
    }

    /// <summary>Moves a queued job to running; false when it is no longer queued (cancelled meanwhile).</summary>
    public bool TryStart(string id) => Write((c, t) => c.Execute("""
        UPDATE jobs_jobs SET status = 'running', attempts = attempts + 1, started_at = COALESCE(started_at, @Now), updated_at = @Now
        WHERE id = @id AND status = 'queued' AND cancel_requested = 0
        """, new { id, Now = Now() }, t) == 1);

    /// <summary>Records a progress report: the job's latest state and, when <paramref name="point"/> is set, a row of its series.</summary>
    public void RecordProgress(string id, string stage, long step, long totalSteps, double fraction, double? etaSeconds, double? jobEtaSeconds,
        IReadOnlyDictionary<string, double> metrics, JobMetricsPoint? point) => Write((c, t) =>
    {
        var now = Now();
        var progress = new
        {
            id, stage, step, totalSteps, Fraction = Math.Clamp(fraction, 0, 1), Eta = Seconds(etaSeconds), JobEta = Seconds(jobEtaSeconds),
            Metrics = JobColumns.WriteMetrics(metrics), now,
        };
        c.Execute("""
            UPDATE jobs_jobs SET stage = @stage, step = @step, total_steps = @totalSteps, fraction = @Fraction, eta_seconds = @Eta,
                job_eta_seconds = @JobEta, metrics_json = @Metrics, updated_at = @now
            WHERE id = @id
            """, progress, t);
        if (point is null) return 0;
        var sample = new
        {
            id, point.Stage, point.Step, point.TotalSteps, Loss = point.Loss is { } l && double.IsFinite(l) ? l : (double?)null,
            Metrics = JobColumns.WriteMetrics(point.Metrics), Elapsed = Math.Max(0, point.ElapsedSeconds), now,
        };
        c.Execute("""
            INSERT INTO jobs_metrics (job_id, stage, step, total_steps, loss, metrics_json, elapsed_seconds, recorded_at)
            VALUES (@id, @Stage, @Step, @TotalSteps, @Loss, @Metrics, @Elapsed, @now)
            """, sample, t);
        return 0;
    });

    /// <summary>Sets the stage a pipeline is in and the checkpoints published so far.</summary>
    public void RecordStage(string id, string stage, IEnumerable<string> outputs) => Write((c, t) => c.Execute(
        "UPDATE jobs_jobs SET stage = @stage, outputs_json = @Outputs, updated_at = @Now WHERE id = @id",
        new { id, stage, Outputs = JobColumns.WriteOutputs(outputs), Now = Now() }, t));

    /// <summary>Ends a job: succeeded, failed, cancelled or interrupted, with the reason and what it published.</summary>
    public void Finish(string id, JobStatus status, string? error, IEnumerable<string>? outputs = null, bool complete = false) => Write((c, t) => c.Execute($"""
        UPDATE jobs_jobs SET status = @Status, error = @error, finished_at = @Now, updated_at = @Now, eta_seconds = NULL, job_eta_seconds = NULL
            {(outputs is null ? "" : ", outputs_json = @Outputs")}
            {(complete ? ", fraction = 1, step = total_steps" : "")}
        WHERE id = @id
        """, new { id, Status = status.ToName(), error, Outputs = outputs is null ? null : JobColumns.WriteOutputs(outputs), Now = Now() }, t));

    /// <summary>
    /// Cancels a job: a queued one at once (returns <see cref="JobStatus.Cancelled"/>); a running one is flagged and
    /// stops at its next step boundary (returns <see cref="JobStatus.Running"/>). Null when there is no such job.
    /// </summary>
    public JobRecord? RequestCancel(string id) => Write((c, t) =>
    {
        var now = Now();
        c.Execute("""
            UPDATE jobs_jobs SET status = 'cancelled', cancel_requested = 1, error = 'cancelled before it started', finished_at = @now, updated_at = @now
            WHERE id = @id AND status = 'queued'
            """, new { id, now }, t);
        c.Execute("UPDATE jobs_jobs SET cancel_requested = 1, updated_at = @now WHERE id = @id AND status = 'running'", new { id, now }, t);
        return c.QuerySingleOrDefault<JobRow>($"{JobRow.Select} WHERE id = @id", new { id }, t)?.ToRecord();
    });

    /// <summary>Puts a job that was running when the server stopped back in the queue; <paramref name="note"/> says so.</summary>
    public void Requeue(string id, string note) => Write((c, t) => c.Execute(
        "UPDATE jobs_jobs SET status = 'queued', error = @note, eta_seconds = NULL, job_eta_seconds = NULL, updated_at = @Now WHERE id = @id",
        new { id, note, Now = Now() }, t));

    /// <summary>A job's progress series, in the order it was recorded.</summary>
    public IReadOnlyList<JobMetricsPoint> Series(string id)
    {
        using var connection = Open();
        return connection.Query<JobMetricsRow>($"{JobMetricsRow.Select} WHERE job_id = @id ORDER BY id", new { id }).Select(r => r.ToPoint()).ToList();
    }

    /// <summary>A finite, non-negative number of seconds, or null.</summary>
    private static double? Seconds(double? value) => value is { } v && double.IsFinite(v) ? Math.Max(0, v) : null;
}
