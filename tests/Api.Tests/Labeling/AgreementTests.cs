using System.Net;
using System.Text.Json;
using InstructGpt.Api.Tests.Evaluations;
using InstructGpt.Api.Tests.Fixtures;
using InstructGpt.Api.Tests.Jobs;
using InstructGpt.Tasks;
using InstructGpt.Tasks.Labeling;

namespace InstructGpt.Api.Tests.Labeling;

/// <summary>Agreement on a batch: two labelers' rankings of one task counted by hand, and each labeler against the simulated labeler.</summary>
public sealed class AgreementTests : IDisposable
{
    private readonly string home = EvaluationHomes.MicroCopy();

    public void Dispose() => JobHomes.Delete(home);

    private static object Submission(string[][] ranking) => new
    {
        ratings = new[] { "A", "B", "C" }.Select(l => new { output = l, likert = 4 }),
        ranking,
    };

    [Fact]
    public async Task AgreementCountsPairsOfOutputsOverTasksBothRanked()
    {
        using var api = JobHomes.Host(home);
        var admin = api.CreateAuthorizedClient();
        var batchId = (await Labelers.ReadyBatchAsync(admin, AssignmentTests.Batch(prompts: 1, overlap: 2, k: 3))).GetProperty("id").GetString()!;
        var empty = await JobHomes.GetAsync(admin, $"{Labelers.Batches}/{batchId}/agreement");
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("overall").GetProperty("rate").ValueKind);

        var alice = await Labelers.NewClientAsync(api, admin, "alice");
        var bob = await Labelers.NewClientAsync(api, admin, "bob");
        var taskId = (await Labelers.NextAsync(alice)).GetProperty("task").GetProperty("id").GetInt64();
        Assert.Equal(taskId, (await Labelers.NextAsync(bob)).GetProperty("task").GetProperty("id").GetInt64());
        string[][] aliceRanking = [["A"], ["B"], ["C"]], bobRanking = [["A"], ["B", "C"]];
        await Json.PostAsync(alice, $"/v1/labeling/tasks/{taskId}/submission", Submission(aliceRanking), 201);
        await Json.PostAsync(bob, $"/v1/labeling/tasks/{taskId}/submission", Submission(bobRanking), 201);

        // By hand: ranks A1 B2 C3 against A1 B2 C2. A-B agree, A-C agree, B-C: alice prefers B, bob ties them: disagree.
        // A pair of outputs with the same text is no comparison (nobody can prefer a text over itself), so it drops out.
        var detail = (await JobHomes.GetAsync(admin, $"{Labelers.Batches}/{batchId}/tasks")).GetProperty("data")[0];
        var texts = detail.GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("text").GetString()!).ToArray();
        var agreeing = new[] { (0, 1, true), (0, 2, true), (1, 2, false) }.Where(p => texts[p.Item1] != texts[p.Item2]).ToArray();
        var (pairs, agreements) = (agreeing.Length, agreeing.Count(p => p.Item3));

        var agreement = await JobHomes.GetAsync(admin, $"{Labelers.Batches}/{batchId}/agreement");
        Assert.Equal(("labeling.agreement", batchId), (agreement.GetProperty("object").GetString(), agreement.GetProperty("batch_id").GetString()));
        var overall = agreement.GetProperty("overall");
        Assert.Equal((1, pairs, agreements), (overall.GetProperty("tasks").GetInt32(), overall.GetProperty("pairs").GetInt32(), overall.GetProperty("agreements").GetInt32()));
        Assert.Equal(Math.Round(agreements / (double)pairs, 3), overall.GetProperty("rate").GetDouble());
        var pair = Assert.Single(agreement.GetProperty("labeler_pairs").EnumerateArray());
        Assert.Equal(["alice", "bob"], pair.GetProperty("labelers").EnumerateArray().Select(l => l.GetString()!));
        Assert.Equal((pairs, agreements), (pair.GetProperty("pairs").GetInt32(), pair.GetProperty("agreements").GetInt32()));

        // The reference: the evaluations' held-out simulated labeler ranking the same prompt and texts.
        Assert.Equal("simulated labeler (seed 2)", agreement.GetProperty("reference_labeler").GetString());
        var simulated = new SimulatedLabeler(new SimulatedLabelerOptions { Seed = 2 })
            .Rank(new PromptTask { Id = "text-1", Prompt = detail.GetProperty("prompt").GetString()! }, texts).RanksByOutput();
        int[][] ranksOf = [[1, 2, 3], [1, 2, 2]];
        var reference = agreement.GetProperty("reference").EnumerateArray().ToArray();
        for (var who = 0; who < 2; who++)
        {
            var expected = Enumerable.Range(0, 3).SelectMany(i => Enumerable.Range(i + 1, 2 - i).Select(j => (i, j))).Where(p => texts[p.i] != texts[p.j])
                .Count(p => Math.Sign(ranksOf[who][p.i] - ranksOf[who][p.j]) == Math.Sign(simulated[p.i] - simulated[p.j]));
            Assert.Equal(new[] { "alice", "bob" }[who], reference[who].GetProperty("labeler").GetString());
            Assert.Equal((1, pairs, expected), (reference[who].GetProperty("tasks").GetInt32(), reference[who].GetProperty("pairs").GetInt32(), reference[who].GetProperty("agreements").GetInt32()));
        }
        var missing = await Labelers.ErrorAsync(await admin.GetAsync($"{Labelers.Batches}/lb-missing/agreement"));
        Assert.Equal((HttpStatusCode.NotFound, "labeling_batch_not_found"), (missing.Status, missing.Code));
    }
}
