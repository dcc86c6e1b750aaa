using Dapper;
using InstructGpt.Api.Jobs;
using InstructGpt.Database;
using Microsoft.Data.Sqlite;

namespace InstructGpt.Api.Tests.Jobs;

/// <summary>Migration 3 rebuilds jobs_jobs to allow the labeling kind: jobs and their metrics series survive it, and still cascade.</summary>
public sealed class JobsSchemaMigrationTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("instructgpt-jobs-schema-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task RebuildKeepsJobsAndMetricsAndAllowsLabelingJobs()
    {
        var path = Path.Combine(directory, "instructgpt.db");
        await SqliteDatabase.PrepareFileAsync(path);
        await using var connection = await SqliteDatabase.OpenAsync(SqliteDatabase.ConnectionString(path));
        await SqliteDatabase.MigrateAsync(connection, JobsSchema.VersionTable, JobsSchema.Migrations.Take(2));
        const string now = "2026-01-31T12:00:00.0000000Z";
        await connection.ExecuteAsync("""
            INSERT INTO jobs_jobs (id, kind, request_json, status, created_at, updated_at, job_eta_seconds) VALUES ('trainjob-1', 'training', '{}', 'succeeded', @now, @now, 3.5);
            INSERT INTO jobs_metrics (job_id, stage, step, total_steps, metrics_json, elapsed_seconds, recorded_at) VALUES ('trainjob-1', 'sft', 1, 2, '{}', 0.5, @now);
            """, new { now });
        await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteAsync(
            "INSERT INTO jobs_jobs (id, kind, request_json, status, created_at, updated_at) VALUES ('lb-1', 'labeling', '{}', 'queued', @now, @now)", new { now }));

        await JobsSchema.MigrateAsync(connection);

        Assert.Equal(3.5, await connection.ExecuteScalarAsync<double>("SELECT job_eta_seconds FROM jobs_jobs WHERE id = 'trainjob-1'"));
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM jobs_metrics WHERE job_id = 'trainjob-1'"));
        await connection.ExecuteAsync("INSERT INTO jobs_jobs (id, kind, request_json, status, created_at, updated_at) VALUES ('lb-1', 'labeling', '{}', 'queued', @now, @now)", new { now });
        Assert.Empty(await connection.QueryAsync("PRAGMA foreign_key_check"));
        await connection.ExecuteAsync("DELETE FROM jobs_jobs WHERE id = 'trainjob-1'");
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM jobs_metrics"));
    }
}
