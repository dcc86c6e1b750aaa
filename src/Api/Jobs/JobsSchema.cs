using Dapper;
using InstructGpt.Database;
using Microsoft.Data.Sqlite;

namespace InstructGpt.Api.Jobs;

/// <summary>
/// The job tables in the shared database (docs/data-directory.md: one file, each part owns its tables and migrations). Ours
/// are named <c>jobs_*</c>, with their own version table, following src/Evaluation/Storage/EvaluationSchema.cs: a
/// migration is applied once, in one transaction together with the row that records it. Append new migrations;
/// never edit one that has shipped.
/// </summary>
public static class JobsSchema
{
    public const string VersionTable = "jobs_schema_migrations";

    public static IReadOnlyList<SqliteMigration> Migrations { get; } =
    [
        new(1, "jobs and their progress series", """
            CREATE TABLE jobs_jobs (
                id              TEXT PRIMARY KEY,
                kind            TEXT NOT NULL CHECK (kind IN ('training', 'pipeline', 'evaluation')),
                -- A training job's stage; a pipeline's current stage.
                stage           TEXT,
                request_json    TEXT NOT NULL CHECK (json_valid(request_json) AND json_type(request_json) = 'object'),
                status          TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted')),
                step            INTEGER NOT NULL DEFAULT 0 CHECK (step >= 0),
                total_steps     INTEGER NOT NULL DEFAULT 0 CHECK (total_steps >= 0),
                fraction        REAL NOT NULL DEFAULT 0 CHECK (fraction BETWEEN 0 AND 1),
                eta_seconds     REAL CHECK (eta_seconds >= 0),
                metrics_json    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metrics_json) AND json_type(metrics_json) = 'object'),
                error           TEXT,
                outputs_json    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(outputs_json) AND json_type(outputs_json) = 'array'),
                attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                cancel_requested INTEGER NOT NULL DEFAULT 0 CHECK (cancel_requested IN (0, 1)),
                created_at      TEXT NOT NULL,
                started_at      TEXT,
                finished_at     TEXT,
                updated_at      TEXT NOT NULL
            ) STRICT;
            CREATE INDEX jobs_jobs_by_status ON jobs_jobs (status, created_at);

            CREATE TABLE jobs_metrics (
                id              INTEGER PRIMARY KEY,
                job_id          TEXT NOT NULL REFERENCES jobs_jobs (id) ON DELETE CASCADE,
                stage           TEXT NOT NULL,
                step            INTEGER NOT NULL CHECK (step >= 0),
                total_steps     INTEGER NOT NULL CHECK (total_steps >= 0),
                loss            REAL,
                metrics_json    TEXT NOT NULL CHECK (json_valid(metrics_json) AND json_type(metrics_json) = 'object'),
                elapsed_seconds REAL NOT NULL CHECK (elapsed_seconds >= 0),
                recorded_at     TEXT NOT NULL
            ) STRICT;
            CREATE INDEX jobs_metrics_by_job ON jobs_metrics (job_id, id);
            """),
        new(2, "a pipeline's ETA as a whole, beside its current stage's", """
            ALTER TABLE jobs_jobs ADD COLUMN job_eta_seconds REAL CHECK (job_eta_seconds >= 0);
            """),
        // SQLite cannot alter a CHECK, so both job tables are rebuilt (SQLite's documented way: new table, copy, drop, rename).
        // jobs_metrics is rebuilt first: dropping jobs_jobs while it still had a child would cascade-delete the child's rows.
        // Renaming jobs_jobs_new to jobs_jobs rewrites jobs_metrics_new's reference to follow it.
        new(3, "labeling batches are a job kind", """
            CREATE TABLE jobs_jobs_new (
                id              TEXT PRIMARY KEY,
                kind            TEXT NOT NULL CHECK (kind IN ('training', 'pipeline', 'evaluation', 'labeling')),
                stage           TEXT,
                request_json    TEXT NOT NULL CHECK (json_valid(request_json) AND json_type(request_json) = 'object'),
                status          TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted')),
                step            INTEGER NOT NULL DEFAULT 0 CHECK (step >= 0),
                total_steps     INTEGER NOT NULL DEFAULT 0 CHECK (total_steps >= 0),
                fraction        REAL NOT NULL DEFAULT 0 CHECK (fraction BETWEEN 0 AND 1),
                eta_seconds     REAL CHECK (eta_seconds >= 0),
                metrics_json    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metrics_json) AND json_type(metrics_json) = 'object'),
                error           TEXT,
                outputs_json    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(outputs_json) AND json_type(outputs_json) = 'array'),
                attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                cancel_requested INTEGER NOT NULL DEFAULT 0 CHECK (cancel_requested IN (0, 1)),
                created_at      TEXT NOT NULL,
                started_at      TEXT,
                finished_at     TEXT,
                updated_at      TEXT NOT NULL,
                job_eta_seconds REAL CHECK (job_eta_seconds >= 0)
            ) STRICT;
            INSERT INTO jobs_jobs_new (id, kind, stage, request_json, status, step, total_steps, fraction, eta_seconds, metrics_json, error,
                    outputs_json, attempts, cancel_requested, created_at, started_at, finished_at, updated_at, job_eta_seconds)
                SELECT id, kind, stage, request_json, status, step, total_steps, fraction, eta_seconds, metrics_json, error,
                    outputs_json, attempts, cancel_requested, created_at, started_at, finished_at, updated_at, job_eta_seconds FROM jobs_jobs;

            CREATE TABLE jobs_metrics_new (
                id              INTEGER PRIMARY KEY,
                job_id          TEXT NOT NULL REFERENCES jobs_jobs_new (id) ON DELETE CASCADE,
                stage           TEXT NOT NULL,
                step            INTEGER NOT NULL CHECK (step >= 0),
                total_steps     INTEGER NOT NULL CHECK (total_steps >= 0),
                loss            REAL,
                metrics_json    TEXT NOT NULL CHECK (json_valid(metrics_json) AND json_type(metrics_json) = 'object'),
                elapsed_seconds REAL NOT NULL CHECK (elapsed_seconds >= 0),
                recorded_at     TEXT NOT NULL
            ) STRICT;
            INSERT INTO jobs_metrics_new (id, job_id, stage, step, total_steps, loss, metrics_json, elapsed_seconds, recorded_at)
                SELECT id, job_id, stage, step, total_steps, loss, metrics_json, elapsed_seconds, recorded_at FROM jobs_metrics;

            DROP TABLE jobs_metrics;
            DROP TABLE jobs_jobs;
            ALTER TABLE jobs_jobs_new RENAME TO jobs_jobs;
            ALTER TABLE jobs_metrics_new RENAME TO jobs_metrics;
            CREATE INDEX jobs_jobs_by_status ON jobs_jobs (status, created_at);
            CREATE INDEX jobs_metrics_by_job ON jobs_metrics (job_id, id);
            """),
    ];

    public static int LatestVersion => Migrations[^1].Version;

    /// <summary>Applies every migration the database lacks. Safe to call from several processes at once and any number of times.</summary>
    public static Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken = default) =>
        SqliteDatabase.MigrateAsync(connection, VersionTable, Migrations, cancellationToken);
}
