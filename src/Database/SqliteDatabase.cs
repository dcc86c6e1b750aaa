using Dapper;
using Microsoft.Data.Sqlite;

namespace InstructGpt.Database;

/// <summary>
/// How every store opens the shared <c>instructgpt.db</c> (docs/data-directory.md: one file, each part of the project owning its tables): the
/// same connection settings, WAL switched on once for the file, and the per-connection pragmas.
/// </summary>
public static class SqliteDatabase
{
    public const int BusyTimeoutMilliseconds = 5000;

    /// <summary>Read-write-create, foreign keys on, pooled, waiting up to the busy timeout for a lock.</summary>
    public static string ConnectionString(string databasePath) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(databasePath),
        Mode = SqliteOpenMode.ReadWriteCreate,
        ForeignKeys = true,
        Pooling = true,
        DefaultTimeout = BusyTimeoutMilliseconds / 1000,
    }.ToString();

    /// <summary>Creates the file's directory and switches the file to WAL (a property of the file, so once holds for every process).</summary>
    public static async Task PrepareFileAsync(string databasePath, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(databasePath))
            throw new ArgumentException("Give the path of the SQLite database file, e.g. $INSTRUCTGPT_HOME/instructgpt.db.", nameof(databasePath));
        var directory = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        await using var connection = Open(ConnectionString(databasePath));
        var mode = await connection.ExecuteScalarAsync<string>(new CommandDefinition("PRAGMA journal_mode = WAL", cancellationToken: cancellationToken)) ?? "";
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"SQLite kept journal mode '{mode}' for {Path.GetFullPath(databasePath)}; WAL needs a local file system that supports shared memory.");
    }

    /// <summary>An open connection; the caller disposes it.</summary>
    public static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        Configure(connection);
        return connection;
    }

    public static async Task<SqliteConnection> OpenAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        Configure(connection);
        return connection;
    }

    /// <summary>
    /// Applies every migration in <paramref name="migrations"/> that <paramref name="versionTable"/> does not list, each in
    /// its own transaction with the row that records it, so a crash leaves the schema at the previous version. Safe to call
    /// from several processes at once: BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default) takes the write lock before the
    /// version is read, so two processes cannot both apply a migration.
    /// </summary>
    public static async Task MigrateAsync(SqliteConnection connection, string versionTable, IEnumerable<SqliteMigration> migrations, CancellationToken cancellationToken = default)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            $"CREATE TABLE IF NOT EXISTS {versionTable} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT",
            cancellationToken: cancellationToken));
        foreach (var migration in migrations)
        {
            using var transaction = connection.BeginTransaction();
            var applied = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                $"SELECT COUNT(*) FROM {versionTable} WHERE version = @Version", new { migration.Version }, transaction, cancellationToken: cancellationToken));
            if (applied > 0) continue;
            await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                $"INSERT INTO {versionTable} (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
                new { migration.Version, migration.Name, AppliedAt = StoredTime.Format(DateTimeOffset.UtcNow) }, transaction, cancellationToken: cancellationToken));
            transaction.Commit();
        }
    }

    // foreign_keys is set by the connection string; busy_timeout makes SQLite itself wait for a lock.
    // synchronous = NORMAL is durable against a crashed process in WAL mode (SQLite docs, "WAL mode").
    private static void Configure(SqliteConnection connection) =>
        connection.Execute($"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL;");
}
