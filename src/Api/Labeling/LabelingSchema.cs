using InstructGpt.Database;
using Microsoft.Data.Sqlite;

namespace InstructGpt.Api.Labeling;

/// <summary>
/// The labeling tables in the shared database, under the conventions of the feedback and evaluation tables: names prefixed
/// <c>labeling_</c>, their own version table, STRICT tables with CHECKs, each migration applied in one transaction with the row
/// that records it. A batch's spec and sampling state live in its job (jobs_jobs); these tables hold what labeling needs once the
/// outputs exist. Append migrations; never edit one that has shipped.
/// </summary>
public static class LabelingSchema
{
    public const string VersionTable = "labeling_schema_migrations";

    public static IReadOnlyList<SqliteMigration> Migrations { get; } =
    [
        new(1, "labelers, batches, tasks and assignments", """
            -- A labeler's token is kept only as its SHA-256 (hex); the token itself is shown once, when it is issued.
            CREATE TABLE labeling_labelers (
                id           TEXT PRIMARY KEY CHECK (length(id) = 20 AND id GLOB 'lbl_*'),
                name         TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64),
                token_sha256 TEXT NOT NULL UNIQUE CHECK (length(token_sha256) = 64),
                created_at   TEXT NOT NULL,
                revoked_at   TEXT
            ) STRICT;

            -- A batch whose outputs are sampled: written with its tasks in one transaction, so a batch here has all its tasks.
            CREATE TABLE labeling_batches (
                id         TEXT PRIMARY KEY,
                overlap    INTEGER NOT NULL CHECK (overlap BETWEEN 1 AND 10),
                created_at TEXT NOT NULL,
                ready_at   TEXT NOT NULL,
                closed_at  TEXT
            ) STRICT;

            -- outputs_json: [{"label": "A", "text": ..., "model": ...}, ...] in the order shown (already shuffled).
            CREATE TABLE labeling_tasks (
                id           INTEGER PRIMARY KEY,
                batch_id     TEXT NOT NULL REFERENCES labeling_batches (id) ON DELETE CASCADE,
                position     INTEGER NOT NULL CHECK (position >= 0),
                prompt_id    TEXT NOT NULL,
                task_json    TEXT NOT NULL CHECK (json_valid(task_json) AND json_type(task_json) = 'object'),
                outputs_json TEXT NOT NULL CHECK (json_valid(outputs_json) AND json_type(outputs_json) = 'array' AND json_array_length(outputs_json) BETWEEN 2 AND 9),
                UNIQUE (batch_id, position)
            ) STRICT;

            -- One row per (task, labeler), ever: a labeler never gets a task twice. 'expired' is an assignment whose lease ran out
            -- before it was finished; it no longer holds a slot.
            CREATE TABLE labeling_assignments (
                id            INTEGER PRIMARY KEY,
                task_id       INTEGER NOT NULL REFERENCES labeling_tasks (id) ON DELETE CASCADE,
                labeler_id    TEXT NOT NULL REFERENCES labeling_labelers (id),
                status        TEXT NOT NULL CHECK (status IN ('assigned', 'submitted', 'skipped', 'expired')),
                assigned_at   TEXT NOT NULL,
                finished_at   TEXT,
                seconds       REAL CHECK (seconds IS NULL OR seconds >= 0),
                skip_reason   TEXT,
                comparison_id INTEGER,
                CHECK ((status = 'assigned') = (finished_at IS NULL) OR status = 'expired'),
                UNIQUE (task_id, labeler_id)
            ) STRICT;
            CREATE INDEX labeling_assignments_by_labeler ON labeling_assignments (labeler_id, status);
            CREATE INDEX labeling_assignments_by_status ON labeling_assignments (status, assigned_at);
            """),
    ];

    /// <summary>Applies every migration the database lacks; safe from several processes at once.</summary>
    public static Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken) =>
        SqliteDatabase.MigrateAsync(connection, VersionTable, Migrations, cancellationToken);
}
