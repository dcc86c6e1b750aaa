using Dapper;
using Microsoft.Data.Sqlite;

namespace InstructGpt.Api.Tests.Labeling;

/// <summary>Reads the data directory's database directly, to check what a request stored, row by row.</summary>
internal static class Sqlite
{
    public static SqliteConnection Open(string home)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(home, "instructgpt.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    public static async Task<T> ScalarAsync<T>(string home, string sql, object? parameters = null)
    {
        await using var connection = Open(home);
        return await connection.ExecuteScalarAsync<T>(sql, parameters) ?? throw new InvalidOperationException($"no value: {sql}");
    }

    public static async Task<IReadOnlyList<T>> QueryAsync<T>(string home, string sql, object? parameters = null)
    {
        await using var connection = Open(home);
        return (await connection.QueryAsync<T>(sql, parameters)).ToList();
    }
}
