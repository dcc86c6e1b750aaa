using Dapper;
using InstructGpt.Evaluation.Storage;

namespace InstructGpt.Evaluation.Tests.Storage;

public class EvaluationSchemaTests : IDisposable
{
    private readonly TemporaryDatabase database = new();

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task MigrationsAreIdempotent()
    {
        var store = await database.OpenAsync();
        await database.OpenAsync(); // a second process opening the same file
        await using var connection = await store.OpenConnectionAsync();
        await EvaluationSchema.MigrateAsync(connection); // and once more, directly

        Assert.Equal(EvaluationSchema.LatestVersion, await EvaluationSchema.CurrentVersionAsync(connection));
        var versions = (await connection.QueryAsync<long>($"SELECT version FROM {EvaluationSchema.VersionTable} ORDER BY version")).ToArray();
        Assert.Equal(EvaluationSchema.Migrations.Select(m => (long)m.Version), versions);
    }

    [Fact]
    public async Task CreatesOnlyEvaluationTables()
    {
        var store = await database.OpenAsync();
        await using var connection = await store.OpenConnectionAsync();

        var tables = (await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).ToArray();

        Assert.Equal(
            ["evaluation_aggregates", "evaluation_document_scores", "evaluation_human_labels", "evaluation_outputs", "evaluation_pairwise_judgments",
             "evaluation_runs", "evaluation_samples", "evaluation_schema_migrations"],
            tables);
    }

    [Fact]
    public async Task DatabaseIsInWalModeWithForeignKeysAndABusyTimeout()
    {
        var store = await database.OpenAsync();
        await using var connection = await store.OpenConnectionAsync();

        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys"));
        Assert.Equal((long)EvaluationStore.BusyTimeoutMilliseconds, await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout"));
    }

    [Fact]
    public async Task CreatesTheFolderOfTheDatabasePath()
    {
        var nested = Path.Combine(database.Directory, "home", "nested", EvaluationStore.DatabaseFileName);

        var store = await EvaluationStore.OpenAsync(nested);

        Assert.True(File.Exists(nested));
        Assert.Equal(Path.GetFullPath(nested), store.DatabasePath);
    }
}
