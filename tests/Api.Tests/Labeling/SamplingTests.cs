using System.Text.Json;
using InstructGpt.Api.Tests.Evaluations;
using InstructGpt.Api.Tests.Fixtures;
using InstructGpt.Api.Tests.Jobs;

namespace InstructGpt.Api.Tests.Labeling;

/// <summary>
/// A batch samples what an evaluation samples: with one output per model, the evaluation over the same eval set, max_prompts and
/// sampling writes the same texts, so its human judge finds every rating entered on the batch.
/// </summary>
public sealed class SamplingTests : IDisposable
{
    private readonly string home = EvaluationHomes.MicroCopy();

    public void Dispose() => JobHomes.Delete(home);

    private static readonly object Sampling = new { temperature = 0.7, top_p = 1.0, max_tokens = 12, seed = 3 };

    [Fact]
    public async Task BatchOutputsAreTheEvaluationsOutputsAndTheHumanJudgeFindsTheirRatings()
    {
        using var api = JobHomes.Host(home);
        var admin = api.CreateAuthorizedClient();
        var batch = await Labelers.ReadyBatchAsync(admin, new
        {
            prompts = new { eval_set = "micro-test" }, max_prompts = 3, models = new[] { "sft", "ppo" }, sampling = Sampling,
        });
        Assert.Equal(2, batch.GetProperty("outputs_per_prompt").GetInt32());
        Assert.Equal(1.0, batch.GetProperty("progress").GetProperty("sampling").GetDouble());
        var batchId = batch.GetProperty("id").GetString()!;
        var tasks = (await JobHomes.GetAsync(admin, $"{Labelers.Batches}/{batchId}/tasks")).GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(3, tasks.Length);

        // Every output Likert 6 for ppo's, 2 for sft's: labeled through the labeler endpoints.
        var alice = await Labelers.NewClientAsync(api, admin, "alice");
        for (var i = 0; i < 3; i++)
        {
            var task = (await Labelers.NextAsync(alice)).GetProperty("task");
            var models = tasks.Single(t => t.GetProperty("id").GetInt64() == task.GetProperty("id").GetInt64()).GetProperty("outputs").EnumerateArray()
                .ToDictionary(o => o.GetProperty("label").GetString()!, o => o.GetProperty("model").GetString()!);
            await Json.PostAsync(alice, $"/v1/labeling/tasks/{task.GetProperty("id").GetInt64()}/submission", new
            {
                ratings = models.Select(m => new { output = m.Key, likert = m.Value == "ppo" ? 6 : 2 }),
                ranking = models.OrderBy(m => m.Value == "ppo" ? 0 : 1).Select(m => new[] { m.Key }),
            }, 201);
        }

        var (_, location) = await EvaluationHomes.SubmitAsync(admin, new Dictionary<string, object?>
        {
            ["models"] = new[] { "ppo" }, ["baseline"] = "sft", ["eval_sets"] = new[] { "micro-test" }, ["judges"] = new[] { "human" },
            ["sampling"] = Sampling, ["max_prompts"] = 3,
        });
        var done = await EvaluationHomes.WaitAsync(admin, location, JobHomes.Ended);
        Assert.True(JobHomes.Status(done) == "succeeded", done.ToString());

        var samples = (await JobHomes.GetAsync(admin, $"{location}/samples?limit=100")).GetProperty("data").EnumerateArray()
            .Select(s => (Model: s.GetProperty("model").GetString()!, PromptId: s.GetProperty("prompt_id").GetString()!, Output: s.GetProperty("output").GetString()!))
            .Distinct().ToArray();
        var batchOutputs = tasks.SelectMany(t => t.GetProperty("outputs").EnumerateArray().Select(o =>
            (Model: o.GetProperty("model").GetString()!, PromptId: t.GetProperty("prompt_id").GetString()!, Output: o.GetProperty("text").GetString()!))).ToArray();
        Assert.Equal(batchOutputs.Order(), samples.Order());

        var results = done.GetProperty("report").GetProperty("results").EnumerateArray().ToList();
        var winRate = results.Single(r => r.GetProperty("metric").GetString() == "win_rate" && r.GetProperty("model").GetString() == "ppo"
            && r.GetProperty("judge").GetString() == "human" && r.GetProperty("category").GetString() == "all");
        Assert.Equal(3, winRate.GetProperty("n").GetInt32()); // a human Likert for both outputs of every prompt
    }
}
