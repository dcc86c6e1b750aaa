using System.Text.Json;
using InstructGpt.Api.Tests.Fixtures;
using InstructGpt.Api.Tests.Jobs;

namespace InstructGpt.Api.Tests.Evaluations;

/// <summary>
/// The human judge over ratings posted to /v1/feedback/ratings: an evaluation's outputs are rated by hand, and a second evaluation
/// with the same sampling (greedy, so the same outputs) judged by "human" reports the win rate and Likert those ratings imply.
/// </summary>
public sealed class HumanLabelEvaluationTests : IDisposable
{
    private readonly string home = EvaluationHomes.MicroCopy();

    public void Dispose() => JobHomes.Delete(home);

    private static Dictionary<string, object?> Greedy(string judge)
    {
        var request = EvaluationHomes.Request(prompts: 3, models: ["ppo"], judges: [judge]);
        request["eval_sets"] = new[] { "micro-test" };
        request["sampling"] = new { temperature = 0.0, max_tokens = 16, seed = 3 };
        return request;
    }

    [Fact]
    public async Task EvaluationJudgedByHumanUsesTheRatingsPostedThroughTheFeedbackEndpoint()
    {
        using var api = JobHomes.Host(home);
        var client = api.CreateAuthorizedClient();
        var (_, first) = await EvaluationHomes.SubmitAsync(client, Greedy("labeler"));
        Assert.Equal("succeeded", JobHomes.Status(await EvaluationHomes.WaitAsync(client, first, JobHomes.Ended)));

        // Rate every output: the baseline's 2, ppo's 6.
        var outputs = (await JobHomes.GetAsync(client, $"{first}/samples?limit=100")).GetProperty("data").EnumerateArray()
            .Select(s => (Model: s.GetProperty("model").GetString()!, PromptId: s.GetProperty("prompt_id").GetString()!,
                Prompt: s.GetProperty("prompt").GetString()!, Output: s.GetProperty("output").GetString()!))
            .ToList();
        Assert.Equal(6, outputs.Count);
        var likert = new Dictionary<string, int> { ["sft"] = 2, ["ppo"] = 6 };
        foreach (var o in outputs)
            await Json.PostAsync(client, "/v1/feedback/ratings",
                new { prompt = o.Prompt, output = o.Output, model = o.Model, likert = likert[o.Model], labeler = "alice", prompt_id = o.PromptId }, 201);

        var (_, second) = await EvaluationHomes.SubmitAsync(client, Greedy("human"));
        var done = await EvaluationHomes.WaitAsync(client, second, JobHomes.Ended);
        Assert.True(JobHomes.Status(done) == "succeeded", done.ToString());

        // Expected from the ratings: an output's score is the median of the labels for its exact text (when both models wrote the
        // same text, it has both labels: median (2 + 6) / 2 = 4); the higher score wins, ties count half.
        int Score(string prompt, string output)
        {
            var labels = outputs.Where(o => o.Prompt == prompt && o.Output == output).Select(o => likert[o.Model]).Order().ToArray();
            return labels.Length == 1 ? labels[0] : (int)Math.Round((labels[0] + labels[1]) / 2.0, MidpointRounding.AwayFromZero);
        }
        var pairs = outputs.Where(o => o.Model == "ppo")
            .Select(p => (Ppo: Score(p.Prompt, p.Output), Sft: Score(p.Prompt, outputs.Single(s => s.Model == "sft" && s.PromptId == p.PromptId).Output)))
            .ToList();
        var expectedWinRate = pairs.Average(p => p.Ppo > p.Sft ? 1.0 : p.Ppo == p.Sft ? 0.5 : 0.0);
        var expectedLikert = pairs.Average(p => p.Ppo);

        var results = done.GetProperty("report").GetProperty("results").EnumerateArray().ToList();
        JsonElement Result(string metric, string model) => results.Single(r => r.GetProperty("metric").GetString() == metric
            && r.GetProperty("model").GetString() == model && r.GetProperty("judge").GetString() == "human" && r.GetProperty("category").GetString() == "all");
        Assert.Equal(expectedWinRate, Result("win_rate", "ppo").GetProperty("value").GetDouble(), 9);
        Assert.Equal(3, Result("win_rate", "ppo").GetProperty("n").GetInt32());
        Assert.Equal(expectedLikert, Result("likert_mean", "ppo").GetProperty("value").GetDouble(), 9);
        var humanSamples = await JobHomes.GetAsync(client, $"{second}/samples?judge=human&model=ppo");
        Assert.All(humanSamples.GetProperty("data").EnumerateArray(), s => Assert.Contains("alice", s.GetProperty("reasons")[0].GetString()));
    }
}
