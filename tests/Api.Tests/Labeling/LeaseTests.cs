using System.Net;
using InstructGpt.Api.Tests.Evaluations;
using InstructGpt.Api.Tests.Fixtures;
using InstructGpt.Api.Tests.Jobs;

namespace InstructGpt.Api.Tests.Labeling;

/// <summary>An assignment not finished within Labeling:AssignmentLeaseMinutes frees its slot; its labeler does not get the task back.</summary>
public sealed class LeaseTests : IDisposable
{
    private readonly string home = EvaluationHomes.MicroCopy();

    public void Dispose() => JobHomes.Delete(home);

    [Fact]
    public async Task ExpiredAssignmentGoesToTheNextLabelerAndItsHolderCannotSubmitIt()
    {
        using var api = JobHomes.Host(home, new() { ["Labeling:AssignmentLeaseMinutes"] = "0" });
        var admin = api.CreateAuthorizedClient();
        await Labelers.ReadyBatchAsync(admin, AssignmentTests.Batch(prompts: 2, overlap: 1));
        var alice = await Labelers.NewClientAsync(api, admin, "alice");
        var bob = await Labelers.NewClientAsync(api, admin, "bob");

        var held = (await Labelers.NextAsync(alice)).GetProperty("task");
        await Task.Delay(20); // the lease is 0 minutes: any time later, alice's assignment has run out
        var bobs = (await Labelers.NextAsync(bob)).GetProperty("task");
        Assert.Equal(held.GetProperty("id").GetInt64(), bobs.GetProperty("id").GetInt64());

        var late = await Labelers.ErrorAsync(await alice.PostAsync($"/v1/labeling/tasks/{held.GetProperty("id").GetInt64()}/submission", Json.Body(Labelers.Complete(held))));
        Assert.Equal((HttpStatusCode.Conflict, "task_not_assigned"), (late.Status, late.Code));
        Assert.Equal("expired", await Sqlite.ScalarAsync<string>(home, "SELECT status FROM labeling_assignments a JOIN labeling_labelers l ON l.id = a.labeler_id WHERE l.name = 'alice'"));
        // Alice's own unfinished task stays hers on a refresh, lease or not, until someone else needs the slot; here it is gone,
        // and she gets the other task.
        Assert.NotEqual(held.GetProperty("id").GetInt64(), (await Labelers.NextAsync(alice)).GetProperty("task").GetProperty("id").GetInt64());
    }
}
