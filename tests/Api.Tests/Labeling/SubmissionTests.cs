using System.Net;
using System.Text.Json;
using InstructGpt.Api.Tests.Evaluations;
using InstructGpt.Api.Tests.Fixtures;
using InstructGpt.Api.Tests.Jobs;
using InstructGpt.Training.Data;

namespace InstructGpt.Api.Tests.Labeling;

/// <summary>What a submission stores, row by row, and what an incomplete one does not; the export of a batch's rankings.</summary>
public sealed class SubmissionTests : IDisposable
{
    private readonly string home = EvaluationHomes.MicroCopy();

    public void Dispose() => JobHomes.Delete(home);

    private sealed record LabelRow(long Id, string? PromptId, string Prompt, string Output, long Likert, string FlagsJson, string Labeler);

    private sealed record RatingRow(long Id, string Output, string? Model, long Likert, string FlagsJson, string? Comment, string Labeler, string BatchId, long TaskId, string OutputLabel);

    private sealed record ComparisonRow(long Id, string Prompt, string OutputsJson, string RankingJson, string? RanksJson, string Labeler, string BatchId, long TaskId, string? Comment);

    private async Task<long> CountAsync(string table) => await Sqlite.ScalarAsync<long>(home, $"SELECT COUNT(*) FROM {table}");

    [Fact]
    public async Task SubmissionWritesExactlyTheRowsAndAnIncompleteOneNothing()
    {
        using var api = JobHomes.Host(home);
        var admin = api.CreateAuthorizedClient();
        var batchId = (await Labelers.ReadyBatchAsync(admin, AssignmentTests.Batch(prompts: 2, overlap: 1, k: 3))).GetProperty("id").GetString()!;
        var alice = await Labelers.NewClientAsync(api, admin, "alice");
        var task = (await Labelers.NextAsync(alice)).GetProperty("task");
        var taskId = task.GetProperty("id").GetInt64();
        var path = $"/v1/labeling/tasks/{taskId}/submission";

        // The labeler's view: letters and texts, no model.
        Assert.Equal(["A", "B", "C"], task.GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("label").GetString()!));
        Assert.All(task.GetProperty("outputs").EnumerateArray(), o => Assert.Equal(["label", "text"], o.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(JsonValueKind.Null, task.GetProperty("category").ValueKind); // a typed prompt has no category

        var incomplete = await Labelers.ErrorAsync(await alice.PostAsync(path, Json.Body(new
        {
            ratings = new object[] { new { output = "A", likert = 5 }, new { output = "B" }, new { output = "C", likert = 3 } },
            ranking = new[] { new[] { "A" }, new[] { "B" } },
        })));
        Assert.Equal((HttpStatusCode.BadRequest, "ratings[1].likert"), (incomplete.Status, incomplete.Param));
        Assert.Contains("Output B has no Likert score; rank C", incomplete.Message);
        var tied = await Labelers.ErrorAsync(await alice.PostAsync(path, Json.Body(new
        {
            ratings = new[] { "A", "B", "C" }.Select(l => new { output = l, likert = 4 }),
            ranking = new[] { new[] { "A", "B", "C" } },
        })));
        Assert.Equal((HttpStatusCode.BadRequest, "ranking"), (tied.Status, tied.Param));
        var unrated = await Labelers.ErrorAsync(await alice.PostAsync(path, Json.Body(new { ranking = new[] { new[] { "A" }, new[] { "B", "C" } } })));
        Assert.Contains("Output A has no rating; Output B has no rating; Output C has no rating", unrated.Message);
        var outOfRange = await Labelers.ErrorAsync(await alice.PostAsync(path, Json.Body(new { ratings = new[] { new { output = "A", likert = 8 } } })));
        Assert.Equal("ratings[0].likert", outOfRange.Param);
        var unknownLabel = await Labelers.ErrorAsync(await alice.PostAsync(path, Json.Body(new { ratings = new[] { new { output = "Z", likert = 3 } } })));
        Assert.Equal("ratings[0].output", unknownLabel.Param);
        var unknownFlag = await Labelers.ErrorAsync(await alice.PostAsync(path, Json.Body(new { ratings = new[] { new { output = "A", likert = 3, flags = new { funny = true } } } })));
        Assert.Equal("ratings[0].flags.funny", unknownFlag.Param);
        foreach (var table in new[] { "evaluation_human_labels", "feedback_ratings", "feedback_comparisons" }) Assert.Equal(0, await CountAsync(table));
        Assert.Equal("assigned", await Sqlite.ScalarAsync<string>(home, "SELECT status FROM labeling_assignments WHERE task_id = @taskId", new { taskId }));

        var submitted = await Json.PostAsync(alice, path, new
        {
            ratings = new object[]
            {
                new { output = "C", likert = 2, flags = new { fails_to_follow_instruction = true } },
                new { output = "A", likert = 6, flags = new { hallucination = true, satisfies_constraints = (bool?)null } },
                new { output = "B", likert = 4 },
            },
            ranking = new[] { new[] { "B" }, new[] { "A", "C" } },
            comment = "B is best",
            seconds = 83.5,
        }, 201);
        var ratingIds = submitted.GetProperty("rating_ids").EnumerateArray().Select(i => i.GetInt64()).ToArray();
        var comparisonId = submitted.GetProperty("comparison_id").GetInt64();
        Assert.Equal(("labeling.submission", taskId, 3), (submitted.GetProperty("object").GetString(), submitted.GetProperty("task_id").GetInt64(), ratingIds.Length));

        // The owner's view names each output's model: K = 3 from [sft, ppo] is sft, ppo, sft, shuffled.
        var detail = (await JobHomes.GetAsync(admin, $"{Labelers.Batches}/{batchId}/tasks")).GetProperty("data").EnumerateArray().Single(t => t.GetProperty("id").GetInt64() == taskId);
        var outputs = detail.GetProperty("outputs").EnumerateArray()
            .ToDictionary(o => o.GetProperty("label").GetString()!, o => (Text: o.GetProperty("text").GetString()!, Model: o.GetProperty("model").GetString()!));
        Assert.Equal(["ppo", "sft", "sft"], outputs.Values.Select(o => o.Model).Order());
        var prompt = task.GetProperty("prompt").GetString()!;
        var promptId = detail.GetProperty("prompt_id").GetString()!;

        var labels = await Sqlite.QueryAsync<LabelRow>(home, "SELECT id AS Id, prompt_id AS PromptId, prompt AS Prompt, output AS Output, likert AS Likert, flags_json AS FlagsJson, labeler AS Labeler FROM evaluation_human_labels ORDER BY id");
        var ratings = await Sqlite.QueryAsync<RatingRow>(home, "SELECT id AS Id, output AS Output, model AS Model, likert AS Likert, flags_json AS FlagsJson, comment AS Comment, labeler AS Labeler, batch_id AS BatchId, task_id AS TaskId, output_label AS OutputLabel FROM feedback_ratings ORDER BY id");
        var expected = new[] { ("A", 6L, """{"hallucination":true}"""), ("B", 4L, "{}"), ("C", 2L, """{"fails_to_follow_instruction":true}""") };
        Assert.Equal(ratingIds, labels.Select(l => l.Id));
        Assert.Equal(ratingIds, ratings.Select(r => r.Id));
        for (var i = 0; i < 3; i++)
        {
            var (label, likert, flags) = expected[i];
            Assert.Equal(new LabelRow(ratingIds[i], promptId, prompt, outputs[label].Text, likert, flags, "alice"), labels[i]);
            Assert.Equal(new RatingRow(ratingIds[i], outputs[label].Text, outputs[label].Model, likert, flags, "B is best", "alice", batchId, taskId, label), ratings[i]);
        }
        var comparison = Assert.Single(await Sqlite.QueryAsync<ComparisonRow>(home, "SELECT id AS Id, prompt AS Prompt, outputs_json AS OutputsJson, ranking_json AS RankingJson, ranks_json AS RanksJson, labeler AS Labeler, batch_id AS BatchId, task_id AS TaskId, comment AS Comment FROM feedback_comparisons"));
        Assert.Equal(new ComparisonRow(comparisonId, prompt, JsonSerializer.Serialize(new[] { outputs["A"].Text, outputs["B"].Text, outputs["C"].Text }), "[1,0,2]", "[1,2,2]", "alice", batchId, taskId, "B is best"), comparison);
        var assignment = Assert.Single(await Sqlite.QueryAsync<(string, double, long)>(home, "SELECT status, seconds, comparison_id FROM labeling_assignments"));
        Assert.Equal(("submitted", 83.5, comparisonId), assignment);

        var twice = await Labelers.ErrorAsync(await alice.PostAsync(path, Json.Body(Labelers.Complete(task))));
        Assert.Equal((HttpStatusCode.Conflict, "task_not_assigned"), (twice.Status, twice.Code));
        var missing = await Labelers.ErrorAsync(await alice.PostAsync("/v1/labeling/tasks/999999/submission", Json.Body(Labelers.Complete(task))));
        Assert.Equal((HttpStatusCode.NotFound, "labeling_task_not_found"), (missing.Status, missing.Code));
        var progress = (await JobHomes.GetAsync(admin, $"{Labelers.Batches}/{batchId}")).GetProperty("progress");
        Assert.Equal((2, 1, 2, 0.5), (progress.GetProperty("tasks").GetInt32(), progress.GetProperty("submissions").GetInt32(),
            progress.GetProperty("required_submissions").GetInt32(), progress.GetProperty("labeling").GetDouble()));
    }

    [Fact]
    public async Task ExportFilteredByBatchHoldsItsRankingsOnlyAndReadsBackAsComparisons()
    {
        using var api = JobHomes.Host(home);
        var admin = api.CreateAuthorizedClient();
        var batchId = (await Labelers.ReadyBatchAsync(admin, AssignmentTests.Batch(prompts: 2, overlap: 1, k: 3))).GetProperty("id").GetString()!;
        var alice = await Labelers.NewClientAsync(api, admin, "alice");
        var submitted = new List<JsonElement>();
        for (var i = 0; i < 2; i++)
        {
            var task = (await Labelers.NextAsync(alice)).GetProperty("task");
            await Json.PostAsync(alice, $"/v1/labeling/tasks/{task.GetProperty("id").GetInt64()}/submission", Labelers.Complete(task), 201);
            submitted.Add(task);
        }
        await Json.PostAsync(admin, "/v1/feedback/comparisons", new { prompt = "Other", outputs = new[] { "x", "y" }, ranking = new[] { 1, 0 } }, 201);
        Assert.Equal("completed", JobHomes.Status(await JobHomes.GetAsync(admin, $"{Labelers.Batches}/{batchId}")));

        var file = Path.Combine(home, "export.jsonl");
        await File.WriteAllTextAsync(file, await admin.GetStringAsync($"/v1/feedback/comparisons/export?batch_id={batchId}"));
        var records = ComparisonDataset.Read(file);
        Assert.Equal(2, records.Count);
        for (var i = 0; i < 2; i++)
        {
            // Complete() ranks A, then B and C tied: completions best first, ranks 1, 2, 2.
            var texts = submitted[i].GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("text").GetString()!).ToArray();
            Assert.Equal(submitted[i].GetProperty("prompt").GetString(), records[i].Prompt);
            Assert.Equal(texts, records[i].Completions);
            Assert.Equal([1, 2, 2], records[i].Ranks!);
        }
        await File.WriteAllTextAsync(file, await admin.GetStringAsync("/v1/feedback/comparisons/export"));
        Assert.Equal(3, ComparisonDataset.Read(file).Count);
        Assert.Empty(await admin.GetStringAsync("/v1/feedback/comparisons/export?batch_id=lb-none"));
    }
}
