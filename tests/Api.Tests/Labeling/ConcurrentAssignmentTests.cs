using System.Text.Json;
using InstructGpt.Api.Tests.Evaluations;
using InstructGpt.Api.Tests.Jobs;

namespace InstructGpt.Api.Tests.Labeling;

/// <summary>
/// Labelers asking for work at the same instant: the assignment reads the free slots and takes one inside one write
/// transaction, so no two of them can both see a slot as free.
/// </summary>
public sealed class ConcurrentAssignmentTests : IDisposable
{
    private readonly string home = EvaluationHomes.MicroCopy();

    public void Dispose() => JobHomes.Delete(home);

    [Fact]
    public async Task LabelersAskingAtOnceNeverShareATaskBeyondTheOverlap()
    {
        const int labelers = 12, tasks = 8, overlap = 1;
        using var api = JobHomes.Host(home);
        var admin = api.CreateAuthorizedClient();
        await Labelers.ReadyBatchAsync(admin, AssignmentTests.Batch(prompts: tasks, overlap: overlap));
        var clients = new List<HttpClient>();
        for (var i = 0; i < labelers; i++) clients.Add(await Labelers.NewClientAsync(api, admin, $"labeler-{i}"));

        using var start = new SemaphoreSlim(0);
        var requests = clients.Select(async client =>
        {
            await start.WaitAsync();
            return await Labelers.NextAsync(client);
        }).ToList();
        start.Release(labelers);
        var answers = await Task.WhenAll(requests);

        var given = answers.Where(a => a.GetProperty("task").ValueKind != JsonValueKind.Null)
            .Select(a => a.GetProperty("task").GetProperty("id").GetInt64()).ToList();
        Assert.Equal(tasks * overlap, given.Count); // every slot taken, by someone
        Assert.Equal(given.Count, given.Distinct().Count()); // and no task twice
        foreach (var client in clients) client.Dispose();
    }
}
