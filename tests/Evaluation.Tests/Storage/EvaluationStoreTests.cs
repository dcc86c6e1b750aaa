using Dapper;
using InstructGpt.Evaluation.Judges;
using InstructGpt.Evaluation.Metrics;
using InstructGpt.Evaluation.Storage;
using InstructGpt.Tasks.Labeling;
using Microsoft.Data.Sqlite;

namespace InstructGpt.Evaluation.Tests.Storage;

public class EvaluationStoreTests : IDisposable
{
    private readonly TemporaryDatabase database = new();

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task RunsAreCreatedReadListedAndUpdated()
    {
        var store = await database.OpenAsync();

        var created = await store.CreateRunAsync(TemporaryDatabase.Run("run-a"));
        await store.CreateRunAsync(TemporaryDatabase.Run("run-b"));
        await store.SetRunStatusAsync("run-a", RunStatus.Failed, "The checkpoint ppo-ptx was not found.");
        var read = await store.GetRunAsync("run-a");

        Assert.NotNull(read);
        Assert.Equal(RunStatus.Failed, read.Status);
        Assert.Equal("The checkpoint ppo-ptx was not found.", read.Error);
        Assert.Equal(["ppo-ptx", "ppo"], read.Models);
        Assert.Equal(["simulated-labeler", "reward-model"], read.Judges);
        Assert.Equal("sft", read.Baseline);
        Assert.Equal("held-out-v1", read.EvalSet);
        Assert.Equal(created.ConfigJson, read.ConfigJson);
        Assert.Equal(created.CreatedAt, read.CreatedAt);
        Assert.True(read.UpdatedAt >= read.CreatedAt);
        Assert.Equal(2, (await store.ListRunsAsync()).Count);
        Assert.Null(await store.GetRunAsync("missing"));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.SetRunStatusAsync("missing", RunStatus.Running));
    }

    [Fact]
    public async Task ARunConfigMustBeAJsonObject()
    {
        var store = await database.OpenAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => store.CreateRunAsync(TemporaryDatabase.Run() with { ConfigJson = "{not json" }));
        await Assert.ThrowsAsync<ArgumentException>(() => store.CreateRunAsync(TemporaryDatabase.Run() with { ConfigJson = "[1, 2]" }));
    }

    [Fact]
    public async Task ASampleRoundTripsEveryColumn()
    {
        var store = await database.OpenAsync();
        await store.CreateRunAsync(TemporaryDatabase.Run());
        var stored = TemporaryDatabase.Sample("run-1", "ppo", "p1", 0);
        var sample = stored with
        {
            Output = stored.Output with { Category = "closed_qa", Variant = PromptVariants.Respectful, FinishReason = "stop" },
            Label = new SampleLabel
            {
                Likert = 6,
                Flags = new Dictionary<string, bool> { [MetadataFlags.Hallucination] = false, [MetadataFlags.SatisfiesConstraints] = true },
                Reasons = ["answers from the source", "keeps to two sentences"],
                Toxicity = 0.125,
                RmScore = -0.75,
            },
        };

        Assert.True(await store.RecordSampleAsync(sample));
        var read = Assert.Single(await store.ListSamplesAsync("run-1"));

        Assert.Equal(sample.Key, read.Key);
        Assert.Equal(sample.Output, read.Output); // every output column, the run id included
        Assert.Equal("closed_qa", read.Output.Category);
        Assert.Equal(6, read.Label.Likert);
        Assert.Equal(sample.Label.Flags, read.Label.Flags);
        Assert.Equal(sample.Label.Reasons, read.Label.Reasons);
        Assert.Equal(0.125, read.Label.Toxicity);
        Assert.Equal(-0.75, read.Label.RmScore);
        Assert.Equal("stop", read.Output.FinishReason);
        Assert.NotEqual(default, read.CreatedAt);
    }

    [Fact]
    public async Task InsertingTheSameSampleTwiceKeepsOneRow()
    {
        var store = await database.OpenAsync();
        await store.CreateRunAsync(TemporaryDatabase.Run());
        var sample = TemporaryDatabase.Sample("run-1", "ppo", "p1", 0);

        Assert.True(await store.RecordSampleAsync(sample));
        Assert.False(await store.RecordSampleAsync(sample with { Output = sample.Output with { Output = "a different retry" }, Label = new SampleLabel { Likert = 2 } }));

        var read = Assert.Single(await store.ListSamplesAsync("run-1"));
        Assert.Equal(sample.Output.Output, read.Output.Output); // the first write wins; a retry changes nothing
        Assert.Equal(5, read.Label.Likert);
    }

    [Fact]
    public async Task TheSamePromptUnderAnotherJudgeVariantOrSampleIndexIsANewRow()
    {
        var store = await database.OpenAsync();
        await store.CreateRunAsync(TemporaryDatabase.Run());
        var sample = TemporaryDatabase.Sample("run-1", "ppo", "p1", 0);

        Assert.True(await store.RecordSampleAsync(sample));
        Assert.True(await store.RecordSampleAsync(sample with { Judge = "reward-model" }));
        Assert.True(await store.RecordSampleAsync(sample with { Output = sample.Output with { Variant = PromptVariants.Respectful } }));
        Assert.True(await store.RecordSampleAsync(sample with { Output = sample.Output with { SampleIndex = 1 } }));
        Assert.True(await store.RecordSampleAsync(sample with { Output = sample.Output with { Model = "ppo-ptx" } }));

        Assert.Equal(5, (await store.ListSamplesAsync("run-1")).Count);
    }

    [Fact]
    public async Task PagesFilterAndCountInTheDatabaseInTheListingOrder()
    {
        var store = await database.OpenAsync();
        await store.CreateRunAsync(TemporaryDatabase.Run());
        foreach (var model in new[] { "ppo", "sft" })
            foreach (var prompt in new[] { "p1", "p2", "p3" })
                foreach (var judge in new[] { "labeler", "rm" })
                    await store.RecordSampleAsync(TemporaryDatabase.Sample("run-1", model, prompt, 0) with { Judge = judge });
        var all = await store.ListSamplesAsync("run-1");

        var (page, total) = await store.PageSamplesAsync("run-1", null, null, offset: 5, limit: 4);
        Assert.Equal(12, total);
        Assert.Equal(all.Skip(5).Take(4).Select(s => s.Key), page.Select(s => s.Key));

        var (rm, rmTotal) = await store.PageSamplesAsync("run-1", "sft", "rm", offset: 1, limit: 10);
        Assert.Equal(3, rmTotal);
        Assert.Equal(["p2", "p3"], rm.Select(s => s.Output.PromptId));
        Assert.All(rm, s => Assert.Equal(("sft", "rm"), (s.Output.Model, s.Judge)));

        var (past, pastTotal) = await store.PageSamplesAsync("run-1", null, null, offset: 50, limit: 10);
        Assert.Empty(past);
        Assert.Equal(12, pastTotal);
    }

    [Fact]
    public async Task AResumedRunFindsWhatIsDoneAndNeverCountsASampleTwice()
    {
        string[] models = ["ppo", "ppo-ptx"];
        string[] prompts = ["p1", "p2", "p3"];
        const int k = 2;
        var all = (from m in models from p in prompts from i in Enumerable.Range(0, k) select (m, p, i)).ToArray();

        // First process: records 5 of the 12 samples, then "crashes".
        var first = await database.OpenAsync();
        await first.CreateRunAsync(TemporaryDatabase.Run());
        foreach (var (m, p, i) in all.Take(5))
            await first.RecordSampleAsync(TemporaryDatabase.Sample("run-1", m, p, i));
        SqliteConnection.ClearAllPools();

        // Second process: lists what is done, produces only the rest, and a careless retry of everything adds nothing.
        var second = await database.OpenAsync();
        var done = await second.ListCompletedSamplesAsync("run-1");
        Assert.Equal(
            all.Take(5).Select(s => new SampleKey(s.m, s.p, PromptVariants.None, s.i, "simulated-labeler")).ToHashSet(),
            done.ToHashSet());

        var produced = 0;
        foreach (var (m, p, i) in all)
        {
            if (done.Contains(new SampleKey(m, p, PromptVariants.None, i, "simulated-labeler")))
                continue;
            Assert.True(await second.RecordSampleAsync(TemporaryDatabase.Sample("run-1", m, p, i)));
            produced++;
        }
        foreach (var (m, p, i) in all)
            Assert.False(await second.RecordSampleAsync(TemporaryDatabase.Sample("run-1", m, p, i)));

        Assert.Equal(7, produced);
        Assert.Equal(12, (await second.ListSamplesAsync("run-1")).Count);
        Assert.Equal(12, (await second.ListCompletedSamplesAsync("run-1")).Count);
        Assert.Empty(await second.ListCompletedSamplesAsync("another-run"));
    }

    [Fact]
    public async Task ForeignKeysRefuseASampleOfAnUnknownRun()
    {
        var store = await database.OpenAsync();

        var error = await Assert.ThrowsAsync<SqliteException>(() => store.RecordSampleAsync(TemporaryDatabase.Sample("no-such-run", "ppo", "p1", 0)));

        Assert.Contains("FOREIGN KEY", error.Message);
    }

    [Fact]
    public async Task InvalidSamplesAreRejectedNotSilentlyDropped()
    {
        var store = await database.OpenAsync();
        await store.CreateRunAsync(TemporaryDatabase.Run());
        var sample = TemporaryDatabase.Sample("run-1", "ppo", "p1", 0);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.RecordSampleAsync(sample with { Label = new SampleLabel { Likert = 8 } }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.RecordSampleAsync(sample with { Label = new SampleLabel { Toxicity = 1.5 } }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.RecordSampleAsync(sample with { Output = sample.Output with { SampleIndex = -1 } }));
        Assert.Empty(await store.ListSamplesAsync("run-1"));
    }

    [Fact]
    public async Task PairwiseJudgmentsAreStoredOncePerKey()
    {
        var store = await database.OpenAsync();
        await store.CreateRunAsync(TemporaryDatabase.Run());
        var judgment = new PairwiseJudgment
        {
            RunId = "run-1",
            PromptId = "p1",
            Category = "generation",
            Model = "ppo",
            Baseline = "sft",
            Judge = "simulated-labeler",
            Result = PairwiseResult.Tie,
            Reason = "both follow the instruction",
        };

        Assert.True(await store.RecordJudgmentAsync(judgment));
        Assert.False(await store.RecordJudgmentAsync(judgment with { Result = PairwiseResult.Win }));
        Assert.True(await store.RecordJudgmentAsync(judgment with { PromptId = "p2", Result = PairwiseResult.Loss }));

        var read = await store.ListJudgmentsAsync("run-1");
        Assert.Equal([PairwiseResult.Tie, PairwiseResult.Loss], read.Select(j => j.Result));
        Assert.Equal("both follow the instruction", read[0].Reason);
    }

    [Fact]
    public async Task HumanLabelsAreFoundByPromptAndOutput()
    {
        var store = await database.OpenAsync();

        var added = await store.AddHumanLabelAsync(new HumanLabel
        {
            PromptId = "p1",
            Prompt = "Summarize: the cat sat.",
            Output = "A cat sat.",
            Likert = 6,
            Flags = new Dictionary<string, bool> { [MetadataFlags.Hallucination] = false },
            Labeler = "alice",
        });
        await store.AddHumanLabelAsync(new HumanLabel { Prompt = "Summarize: the cat sat.", Output = "A dog ran.", Likert = 1, Labeler = "bob" });

        var found = Assert.Single(await store.FindHumanLabelsAsync("Summarize: the cat sat.", "A cat sat."));
        Assert.Equal(added.Id, found.Id);
        Assert.True(found.Id > 0);
        Assert.Equal(6, found.Likert);
        Assert.Equal("alice", found.Labeler);
        Assert.False(found.Flags[MetadataFlags.Hallucination]);
        Assert.Empty(await store.FindHumanLabelsAsync("Summarize: the cat sat.", "Nothing."));
    }

    [Fact]
    public async Task AggregatesAreReplacedAsAWhole()
    {
        var store = await database.OpenAsync();
        await store.CreateRunAsync(TemporaryDatabase.Run());
        var winRate = Aggregate.Of("ppo", "simulated-labeler", Aggregate.AllCategories, MetricNames.WinRate, WinRate.FromCounts(3, 2, 5));
        var likert = Aggregate.Of("ppo", "simulated-labeler", Aggregate.AllCategories, MetricNames.LikertMean, MeanInterval.StudentT([4]));

        await store.ReplaceAggregatesAsync("run-1", [winRate, likert]);
        Assert.Equal([likert, winRate], await store.ListAggregatesAsync("run-1")); // ordered by metric name

        await store.ReplaceAggregatesAsync("run-1", [winRate with { Value = 0.45 }]);
        Assert.Equal(0.45, Assert.Single(await store.ListAggregatesAsync("run-1")).Value);
    }

    [Fact]
    public async Task AFailingWriteRollsBackTheWholeTransaction()
    {
        var store = await database.OpenAsync();
        await store.CreateRunAsync(TemporaryDatabase.Run());
        var good = Aggregate.Of("ppo", "simulated-labeler", Aggregate.AllCategories, MetricNames.WinRate, WinRate.FromCounts(3, 2, 5));
        await store.ReplaceAggregatesAsync("run-1", [good]);

        // The delete and the first insert succeed inside the transaction; the second row breaks the ci_low ≤ ci_high CHECK.
        var replacement = good with { Value = 0.9 };
        var broken = good with { Metric = MetricNames.LikertMean, CiLow = 5, CiHigh = 3 };
        await Assert.ThrowsAsync<SqliteException>(() => store.ReplaceAggregatesAsync("run-1", [replacement, broken]));

        // A duplicate key in one batch fails the same way.
        await Assert.ThrowsAsync<SqliteException>(() => store.ReplaceAggregatesAsync("run-1", [replacement, replacement]));

        Assert.Equal([good], await store.ListAggregatesAsync("run-1"));
    }

    [Fact]
    public async Task DeletingARunDeletesItsRows()
    {
        var store = await database.OpenAsync();
        await store.CreateRunAsync(TemporaryDatabase.Run());
        await store.RecordSampleAsync(TemporaryDatabase.Sample("run-1", "ppo", "p1", 0));

        await using (var connection = await store.OpenConnectionAsync())
            await connection.ExecuteAsync("DELETE FROM evaluation_runs WHERE id = 'run-1'");

        Assert.Empty(await store.ListSamplesAsync("run-1"));
    }
}
