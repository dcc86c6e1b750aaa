using System.Net;
using System.Text.Json;
using InstructGpt.Api.Tests.Evaluations;
using InstructGpt.Api.Tests.Fixtures;
using InstructGpt.Api.Tests.Jobs;

namespace InstructGpt.Api.Tests.Labeling;

/// <summary>Who gets which task: overlap 1 and 2, refresh, skip, restart, cancel; over batches the micro checkpoints sampled.</summary>
public sealed class AssignmentTests : IDisposable
{
    private readonly string home = EvaluationHomes.MicroCopy();

    public void Dispose() => JobHomes.Delete(home);

    internal static object Batch(int prompts, int overlap, int k = 2) => new
    {
        name = $"overlap-{overlap}",
        prompts = new { texts = Enumerable.Range(1, prompts).Select(i => $"Write sentence number {i} about the sea.").ToArray() },
        models = new[] { "sft", "ppo" },
        outputs_per_prompt = k,
        sampling = new { temperature = 0.7, max_tokens = 6, seed = 5 },
        overlap,
    };

    private static long TaskId(JsonElement assignment) => assignment.GetProperty("task").GetProperty("id").GetInt64();

    private static (int Page, int Total) Page(JsonElement assignment) => (assignment.GetProperty("page").GetInt32(), assignment.GetProperty("total").GetInt32());

    [Fact]
    public async Task OverlapOneGivesEveryTaskToOneLabelerAndARefreshTheSameTask()
    {
        using var api = JobHomes.Host(home);
        var admin = api.CreateAuthorizedClient();
        await Labelers.ReadyBatchAsync(admin, Batch(prompts: 3, overlap: 1));
        var alice = await Labelers.NewClientAsync(api, admin, "alice");
        var bob = await Labelers.NewClientAsync(api, admin, "bob");

        var first = await Labelers.NextAsync(alice);
        Assert.Equal((1, 3), Page(first));
        var again = await Labelers.NextAsync(alice);
        Assert.Equal(first.ToString(), again.ToString()); // a refresh: the same task, the same assigned_at
        var bobs = await Labelers.NextAsync(bob);
        Assert.NotEqual(TaskId(first), TaskId(bobs));
        Assert.Equal((1, 2), Page(bobs)); // alice holds one of the three
        Assert.Equal((1, 2), Page(await Labelers.NextAsync(alice)));

        await Json.PostAsync(alice, $"/v1/labeling/tasks/{TaskId(first)}/submission", Labelers.Complete(first.GetProperty("task")), 201);
        var third = await Labelers.NextAsync(alice);
        Assert.Equal((2, 2), Page(third));
        Assert.DoesNotContain(TaskId(third), new[] { TaskId(first), TaskId(bobs) });
        await Json.PostAsync(alice, $"/v1/labeling/tasks/{TaskId(third)}/submission", Labelers.Complete(third.GetProperty("task")), 201);
        var done = await Labelers.NextAsync(alice);
        Assert.Equal(JsonValueKind.Null, done.GetProperty("task").ValueKind);
        Assert.Equal((3, 2), Page(done));

        var carol = await Labelers.NewClientAsync(api, admin, "carol");
        Assert.Equal(JsonValueKind.Null, (await Labelers.NextAsync(carol)).GetProperty("task").ValueKind); // bob holds the last one
    }

    [Fact]
    public async Task OverlapTwoSharesATaskBetweenTwoLabelersOnlyAndNeverGivesOneTwice()
    {
        using var api = JobHomes.Host(home);
        var admin = api.CreateAuthorizedClient();
        var batch = await Labelers.ReadyBatchAsync(admin, Batch(prompts: 2, overlap: 2));
        Assert.Equal(4, batch.GetProperty("progress").GetProperty("required_submissions").GetInt32());
        var alice = await Labelers.NewClientAsync(api, admin, "alice");
        var bob = await Labelers.NewClientAsync(api, admin, "bob");
        var carol = await Labelers.NewClientAsync(api, admin, "carol");

        var a = await Labelers.NextAsync(alice);
        var b = await Labelers.NextAsync(bob);
        var c = await Labelers.NextAsync(carol);
        Assert.Equal(TaskId(a), TaskId(b));
        Assert.NotEqual(TaskId(a), TaskId(c));

        await Json.PostAsync(alice, $"/v1/labeling/tasks/{TaskId(a)}/submission", Labelers.Complete(a.GetProperty("task")), 201);
        var aliceSecond = await Labelers.NextAsync(alice);
        Assert.Equal(TaskId(c), TaskId(aliceSecond));
        await Json.PostAsync(alice, $"/v1/labeling/tasks/{TaskId(c)}/submission", Labelers.Complete(aliceSecond.GetProperty("task")), 201);
        Assert.Equal(JsonValueKind.Null, (await Labelers.NextAsync(alice)).GetProperty("task").ValueKind);

        // Both slots of both tasks are held or submitted: a fourth labeler gets nothing.
        var dave = await Labelers.NewClientAsync(api, admin, "dave");
        Assert.Equal(JsonValueKind.Null, (await Labelers.NextAsync(dave)).GetProperty("task").ValueKind);
    }

    [Fact]
    public async Task SkippedTaskNeverComesBackToItsLabelerAndFreesItsSlot()
    {
        using var api = JobHomes.Host(home);
        var admin = api.CreateAuthorizedClient();
        await Labelers.ReadyBatchAsync(admin, Batch(prompts: 2, overlap: 1));
        var alice = await Labelers.NewClientAsync(api, admin, "alice");
        var bob = await Labelers.NewClientAsync(api, admin, "bob");

        var first = await Labelers.NextAsync(alice);
        var skipped = await Json.PostAsync(alice, $"/v1/labeling/tasks/{TaskId(first)}/skip", new { reason = "unclear prompt" });
        Assert.Equal("labeling.skip", skipped.GetProperty("object").GetString());
        var again = await Labelers.ErrorAsync(await alice.PostAsync($"/v1/labeling/tasks/{TaskId(first)}/skip", Json.Body(new { })));
        Assert.Equal((HttpStatusCode.Conflict, "task_not_assigned"), (again.Status, again.Code));

        var next = await Labelers.NextAsync(alice);
        Assert.NotEqual(TaskId(first), TaskId(next));
        Assert.Equal((2, 2), Page(next));
        Assert.Equal(TaskId(first), TaskId(await Labelers.NextAsync(bob)));
        // The reason is optional: a skip without a body.
        var bodiless = await alice.PostAsync($"/v1/labeling/tasks/{TaskId(next)}/skip", null);
        Assert.True(bodiless.StatusCode == HttpStatusCode.OK, await bodiless.Content.ReadAsStringAsync());
        var me = await JobHomes.GetAsync(alice, "/v1/labeling/me");
        Assert.Equal((0, 2), (me.GetProperty("submitted").GetInt32(), me.GetProperty("skipped").GetInt32()));
        Assert.Equal(JsonValueKind.Null, (await Labelers.NextAsync(alice)).GetProperty("task").ValueKind);
        var reason = await Sqlite.ScalarAsync<string>(home, "SELECT skip_reason FROM labeling_assignments WHERE status = 'skipped' AND task_id = @id", new { id = TaskId(first) });
        Assert.Equal("unclear prompt", reason);
    }

    [Fact]
    public async Task RestartLosesNothingAndCancelStopsHandingOutTasks()
    {
        string batchId;
        JsonElement held;
        string token;
        using (var api = JobHomes.Host(home))
        {
            var admin = api.CreateAuthorizedClient();
            batchId = (await Labelers.ReadyBatchAsync(admin, Batch(prompts: 3, overlap: 1))).GetProperty("id").GetString()!;
            token = (await Labelers.CreateAsync(admin, "alice")).Token;
            held = await Labelers.NextAsync(Labelers.Client(api, token));
        }
        using (var api = JobHomes.Host(home))
        {
            var admin = api.CreateAuthorizedClient();
            var alice = Labelers.Client(api, token);
            Assert.Equal(held.ToString(), (await Labelers.NextAsync(alice)).ToString());
            var batch = await JobHomes.GetAsync(admin, $"{Labelers.Batches}/{batchId}");
            Assert.Equal(("ready", 3), (JobHomes.Status(batch), batch.GetProperty("progress").GetProperty("tasks").GetInt32()));

            var cancelled = await Json.ReadAsync(await admin.DeleteAsync($"{Labelers.Batches}/{batchId}"));
            Assert.Equal("cancelled", JobHomes.Status(cancelled));
            Assert.Equal(JsonValueKind.Null, (await Labelers.NextAsync(Labelers.Client(api, (await Labelers.CreateAsync(admin, "bob")).Token))).GetProperty("task").ValueKind);
            var twice = await Labelers.ErrorAsync(await admin.DeleteAsync($"{Labelers.Batches}/{batchId}"));
            Assert.Equal(HttpStatusCode.Conflict, twice.Status);
            var missing = await Labelers.ErrorAsync(await admin.GetAsync($"{Labelers.Batches}/lb-000000000000000000000000"));
            Assert.Equal((HttpStatusCode.NotFound, "labeling_batch_not_found"), (missing.Status, missing.Code));
        }
    }
}
