using Dapper;
using InstructGpt.Database;
using Microsoft.Data.Sqlite;

namespace InstructGpt.Evaluation.Storage;

/// <summary>
/// The evaluation tables and their migrations. Every project keeps its own tables in the shared database and its
/// own version table; ours are all named <c>evaluation_*</c>. A migration is applied once, in its own transaction
/// together with the row that records it, so a crash leaves the schema at the previous version, never between.
/// Append new migrations; never edit one that has shipped.
/// </summary>
public static class EvaluationSchema
{
    public const string VersionTable = "evaluation_schema_migrations";

    public static IReadOnlyList<SqliteMigration> Migrations { get; } =
    [
        new(1, "runs, samples, pairwise judgments, human labels, aggregates", """
            CREATE TABLE evaluation_runs (
                id          TEXT PRIMARY KEY,
                created_at  TEXT NOT NULL,
                updated_at  TEXT NOT NULL,
                status      TEXT NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
                config_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(config_json)),
                models_json TEXT NOT NULL CHECK (json_valid(models_json) AND json_type(models_json) = 'array'),
                baseline    TEXT NOT NULL,
                eval_set    TEXT NOT NULL,
                judges_json TEXT NOT NULL CHECK (json_valid(judges_json) AND json_type(judges_json) = 'array'),
                error       TEXT
            ) STRICT;

            CREATE TABLE evaluation_samples (
                id            INTEGER PRIMARY KEY,
                run_id        TEXT NOT NULL REFERENCES evaluation_runs (id) ON DELETE CASCADE,
                model         TEXT NOT NULL,
                prompt_id     TEXT NOT NULL,
                category      TEXT NOT NULL,
                variant       TEXT NOT NULL DEFAULT 'none',
                sample_index  INTEGER NOT NULL CHECK (sample_index >= 0),
                prompt        TEXT NOT NULL,
                output        TEXT NOT NULL,
                judge         TEXT NOT NULL,
                likert        INTEGER CHECK (likert BETWEEN 1 AND 7),
                flags_json    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(flags_json) AND json_type(flags_json) = 'object'),
                reasons_json  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(reasons_json) AND json_type(reasons_json) = 'array'),
                toxicity      REAL CHECK (toxicity BETWEEN 0 AND 1),
                rm_score      REAL,
                finish_reason TEXT,
                created_at    TEXT NOT NULL,
                -- One row per sample and judge: a resumed run inserts with ON CONFLICT DO NOTHING on this key.
                UNIQUE (run_id, model, prompt_id, variant, sample_index, judge)
            ) STRICT;

            CREATE TABLE evaluation_pairwise_judgments (
                id           INTEGER PRIMARY KEY,
                run_id       TEXT NOT NULL REFERENCES evaluation_runs (id) ON DELETE CASCADE,
                prompt_id    TEXT NOT NULL,
                category     TEXT NOT NULL,
                sample_index INTEGER NOT NULL DEFAULT 0 CHECK (sample_index >= 0),
                model        TEXT NOT NULL,
                baseline     TEXT NOT NULL,
                judge        TEXT NOT NULL,
                result       TEXT NOT NULL CHECK (result IN ('win', 'tie', 'loss')),
                reason       TEXT,
                created_at   TEXT NOT NULL,
                UNIQUE (run_id, model, baseline, prompt_id, sample_index, judge)
            ) STRICT;

            CREATE TABLE evaluation_human_labels (
                id         INTEGER PRIMARY KEY,
                prompt_id  TEXT,
                prompt     TEXT NOT NULL,
                output     TEXT NOT NULL,
                likert     INTEGER CHECK (likert BETWEEN 1 AND 7),
                flags_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(flags_json) AND json_type(flags_json) = 'object'),
                labeler    TEXT NOT NULL,
                created_at TEXT NOT NULL
            ) STRICT;
            CREATE INDEX evaluation_human_labels_by_text ON evaluation_human_labels (prompt, output);

            CREATE TABLE evaluation_aggregates (
                run_id   TEXT NOT NULL REFERENCES evaluation_runs (id) ON DELETE CASCADE,
                model    TEXT NOT NULL,
                judge    TEXT NOT NULL,
                category TEXT NOT NULL,
                metric   TEXT NOT NULL,
                value    REAL NOT NULL,
                ci_low   REAL,
                ci_high  REAL,
                n        INTEGER NOT NULL CHECK (n >= 0),
                method   TEXT NOT NULL,
                CHECK (ci_low IS NULL OR ci_high IS NULL OR ci_low <= ci_high),
                PRIMARY KEY (run_id, model, judge, category, metric)
            ) STRICT;
            """),
        new(2, "generated outputs and held-out document scores", """
            -- What each model wrote, committed as it is generated and before any judge sees it: a resumed run
            -- judges these rows instead of generating again, so every judge labels the same text.
            CREATE TABLE evaluation_outputs (
                id            INTEGER PRIMARY KEY,
                run_id        TEXT NOT NULL REFERENCES evaluation_runs (id) ON DELETE CASCADE,
                model         TEXT NOT NULL,
                prompt_id     TEXT NOT NULL,
                category      TEXT NOT NULL,
                variant       TEXT NOT NULL DEFAULT 'none',
                sample_index  INTEGER NOT NULL CHECK (sample_index >= 0),
                prompt        TEXT NOT NULL,
                output        TEXT NOT NULL,
                finish_reason TEXT,
                created_at    TEXT NOT NULL,
                UNIQUE (run_id, model, prompt_id, variant, sample_index)
            ) STRICT;

            -- Log-likelihood of each held-out pretraining document under each model (the alignment tax).
            CREATE TABLE evaluation_document_scores (
                run_id       TEXT NOT NULL REFERENCES evaluation_runs (id) ON DELETE CASCADE,
                model        TEXT NOT NULL,
                document_id  TEXT NOT NULL,
                sum_logprob  REAL NOT NULL CHECK (sum_logprob <= 0),
                token_count  INTEGER NOT NULL CHECK (token_count > 0),
                created_at   TEXT NOT NULL,
                PRIMARY KEY (run_id, model, document_id)
            ) STRICT;
            """),
    ];

    public static int LatestVersion => Migrations[^1].Version;

    /// <summary>Applies every migration the database lacks. Safe to call from several processes at once and any number of times.</summary>
    public static Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken = default) =>
        SqliteDatabase.MigrateAsync(connection, VersionTable, Migrations, cancellationToken);

    /// <summary>The highest migration applied to the database, 0 for none.</summary>
    public static async Task<int> CurrentVersionAsync(SqliteConnection connection, CancellationToken cancellationToken = default)
    {
        var exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @VersionTable",
            new { VersionTable },
            cancellationToken: cancellationToken)) > 0;
        if (!exists)
            return 0;
        return await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            $"SELECT MAX(version) FROM {VersionTable}", cancellationToken: cancellationToken)) ?? 0;
    }
}
