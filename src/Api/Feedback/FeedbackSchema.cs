using Dapper;
using InstructGpt.Database;
using Microsoft.Data.Sqlite;

namespace InstructGpt.Api.Feedback;

/// <summary>
/// The feedback tables, kept in the project's one database (<c>$INSTRUCTGPT_HOME/instructgpt.db</c>) under the
/// conventions of the evaluation tables (src/Evaluation/Storage/EvaluationSchema.cs): names prefixed
/// <c>feedback_</c>, their own version table, STRICT tables with CHECKs, and each migration applied in one
/// transaction together with the row that records it. Append migrations; never edit one that has shipped.
/// </summary>
public static class FeedbackSchema
{
    public const string VersionTable = "feedback_schema_migrations";

    public static IReadOnlyList<SqliteMigration> Migrations { get; } =
    [
        new(1, "ratings and comparisons", """
            -- A rating is also stored as a human label (evaluation_human_labels, same id) for the evaluation's
            -- human judge; this row keeps what that table has no column for (model, comment).
            CREATE TABLE feedback_ratings (
                id         INTEGER PRIMARY KEY,
                prompt_id  TEXT,
                prompt     TEXT NOT NULL,
                output     TEXT NOT NULL,
                model      TEXT,
                likert     INTEGER NOT NULL CHECK (likert BETWEEN 1 AND 7),
                flags_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(flags_json) AND json_type(flags_json) = 'object'),
                comment    TEXT,
                labeler    TEXT NOT NULL,
                created_at TEXT NOT NULL
            ) STRICT;

            CREATE TABLE feedback_comparisons (
                id           INTEGER PRIMARY KEY,
                prompt       TEXT NOT NULL,
                outputs_json TEXT NOT NULL CHECK (json_valid(outputs_json) AND json_type(outputs_json) = 'array' AND json_array_length(outputs_json) BETWEEN 2 AND 9),
                ranking_json TEXT NOT NULL CHECK (json_valid(ranking_json) AND json_array_length(ranking_json) = json_array_length(outputs_json)),
                ranks_json   TEXT CHECK (ranks_json IS NULL OR (json_valid(ranks_json) AND json_array_length(ranks_json) = json_array_length(outputs_json))),
                labeler      TEXT NOT NULL,
                created_at   TEXT NOT NULL
            ) STRICT;
            """),
        // Ratings and rankings entered on a labeling batch's task (src/Api/Labeling) keep where they came from: the batch, the
        // task and the letter the output was shown under; a ranking keeps the labeler's comment. Null for the other endpoints.
        new(2, "labeling batch, task and output label", """
            ALTER TABLE feedback_ratings ADD COLUMN batch_id TEXT;
            ALTER TABLE feedback_ratings ADD COLUMN task_id INTEGER CHECK (task_id IS NULL OR task_id > 0);
            ALTER TABLE feedback_ratings ADD COLUMN output_label TEXT CHECK (output_label IS NULL OR (length(output_label) = 1 AND output_label BETWEEN 'A' AND 'I'));
            ALTER TABLE feedback_comparisons ADD COLUMN batch_id TEXT;
            ALTER TABLE feedback_comparisons ADD COLUMN task_id INTEGER CHECK (task_id IS NULL OR task_id > 0);
            ALTER TABLE feedback_comparisons ADD COLUMN comment TEXT;
            CREATE INDEX feedback_comparisons_by_batch ON feedback_comparisons (batch_id, id) WHERE batch_id IS NOT NULL;
            """),
    ];

    /// <summary>Applies every migration the database lacks; safe from several processes at once.</summary>
    public static Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken) =>
        SqliteDatabase.MigrateAsync(connection, VersionTable, Migrations, cancellationToken);
}
