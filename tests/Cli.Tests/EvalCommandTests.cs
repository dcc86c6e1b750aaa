using System.Diagnostics;
using InstructGpt.Evaluation.Storage;
using InstructGpt.Tests.Shared;

namespace InstructGpt.Cli.Tests;

/// <summary>
/// <c>instructgpt eval</c> as a child process on the micro pipeline's checkpoints: killed with SIGKILL in the middle
/// of a run and started again with the same run id, it ends with the rows and aggregates of an uninterrupted run,
/// none of them twice.
/// </summary>
public sealed class EvalCommandTests : IDisposable
{
    private const int Prompts = 12, SamplesPerProbe = 2;
    private readonly string directory = Directory.CreateTempSubdirectory("igt-eval-cli-").FullName;

    private string Database => Path.Combine(directory, "eval.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    private string[] Arguments(string runId)
    {
        string home = MicroPipelineHome.Path, data = Path.Combine(home, "data");
        return
        [
            "eval", "--home", home, "--models", "sft,ppo,ppo-ptx,gpt,gpt-prompted", "--baseline", "sft",
            "--set", string.Join(',', new[] { "test.jsonl", "toxicity.jsonl", "pretrain.test.jsonl" }.Select(f => Path.Combine(data, f))),
            "--max-prompts", Prompts.ToString(), "--samples-per-probe", SamplesPerProbe.ToString(), "--max-tokens", "24", "--batch-size", "4",
            "--judge", "labeler,rm", "--db", Database, "--out", Path.Combine(directory, "reports", runId), "--run-id", runId, "--device", "cpu",
        ];
    }

    [Fact]
    public async Task ARunKilledMidWayResumesWithNoDuplicateRowsAndTheSameAggregates()
    {
        var whole = CliProcess.Run(null, Arguments("whole"));
        Assert.True(whole.exitCode == 0, whole.stderr);
        Assert.Contains("reports:", whole.stdout);
        var store = await EvaluationStore.OpenAsync(Database);

        // Kill -9 once a third of the labels are committed.
        var totalSamples = (await store.ListSamplesAsync("whole")).Count;
        var totalOutputs = (await store.ListOutputsAsync("whole")).Count;
        using (var process = Start(Arguments("killed")))
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!process.HasExited && DateTime.UtcNow < deadline && (await store.ListCompletedSamplesAsync("killed")).Count < totalSamples / 3)
                await Task.Delay(20);
            Assert.False(process.HasExited, "the run ended before it could be killed");
            process.Kill(); // SIGKILL: no cancellation, no cleanup
            await process.WaitForExitAsync();
        }
        Assert.Equal(RunStatus.Running, (await store.GetRunAsync("killed"))!.Status);
        var committed = (await store.ListOutputsAsync("killed")).Count;
        Assert.InRange(committed, 1, totalOutputs - 1);

        var resumed = CliProcess.Run(null, Arguments("killed"));

        Assert.True(resumed.exitCode == 0, resumed.stderr);
        Assert.Contains("reused", resumed.stdout);
        Assert.Equal(RunStatus.Completed, (await store.GetRunAsync("killed"))!.Status);
        Assert.Equal(totalOutputs, (await store.ListOutputsAsync("killed")).Count);
        Assert.Equal(totalSamples, (await store.ListSamplesAsync("killed")).Count);
        Assert.Equal(await Snapshot(store, "whole"), await Snapshot(store, "killed"));
        Assert.Equal(await store.ListAggregatesAsync("whole"), await store.ListAggregatesAsync("killed"));
        Assert.True(File.Exists(Path.Combine(directory, "reports", "killed", "win-rate.svg")));
    }

    [Fact]
    public void AnUnknownModelIsReportedWithItsName()
    {
        var (exit, _, stderr) = CliProcess.Run(null, "eval", "--home", MicroPipelineHome.Path, "--models", "sft,nope", "--db", Database);

        Assert.Equal(2, exit);
        Assert.Contains("'nope' has no checkpoint", stderr);
    }

    private static Process Start(string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "instructgpt.dll"));
        foreach (var a in arguments) start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        // Drain the pipes so the child never blocks on a full one.
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    /// <summary>Every row of a run but its id and times, in the store's order.</summary>
    private static async Task<string[]> Snapshot(EvaluationStore store, string runId) =>
    [
        .. (await store.ListOutputsAsync(runId)).Select(o => $"{o.Key} {o.Output} {o.FinishReason}"),
        .. (await store.ListSamplesAsync(runId)).Select(s => $"{s.Key} {s.Label.Likert} {s.Label.Toxicity:R} {s.Label.RmScore:R} {string.Join(",", s.Label.Flags.OrderBy(f => f.Key))}"),
        .. (await store.ListJudgmentsAsync(runId)).Select(j => $"{j.Model} {j.PromptId} {j.Judge} {j.Result} {j.Reason}"),
        .. (await store.ListDocumentScoresAsync(runId)).Select(d => $"{d.Model} {d.DocumentId} {d.SumLogProb:R} {d.TokenCount}"),
    ];
}
