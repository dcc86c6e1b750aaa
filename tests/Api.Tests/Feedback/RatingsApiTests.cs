using System.Net;
using System.Text.Json;
using InstructGpt.Api.Feedback;
using InstructGpt.Api.Tests.Fixtures;
using InstructGpt.Evaluation.Storage;
using InstructGpt.Tasks.Labeling;

namespace InstructGpt.Api.Tests.Feedback;

/// <summary>POST/GET /v1/feedback/ratings against the real app and its SQLite file.</summary>
public sealed class RatingsApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Ratings = "/v1/feedback/ratings";

    [Fact]
    public async Task ARatingIsStoredAsTheHumanLabelEvaluationRunsRead()
    {
        var body = new
        {
            prompt = "Explain what rain is.\n", output = "Rain is water that falls from clouds.", model = "sft", likert = 6,
            flags = new { fails_to_follow_instruction = false, hallucination = true, sexual_content = false },
            comment = "Short but right.", labeler = "alice", prompt_id = "eval-17",
        };
        var response = await api.CreateAuthorizedClient().PostAsync(Ratings, Json.Body(body));
        var json = await Json.ReadAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = json.GetProperty("id").GetInt64();
        Assert.Equal($"{Ratings}/{id}", response.Headers.Location!.ToString());
        Assert.Equal("feedback.rating", json.GetProperty("object").GetString());
        Assert.Equal(6, json.GetProperty("likert").GetInt32());
        Assert.Equal("sft", json.GetProperty("model").GetString());
        Assert.Equal("Short but right.", json.GetProperty("comment").GetString());
        Assert.InRange(json.GetProperty("created_at").GetInt64(), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds());

        // The evaluation store, opened on its own over the same file, finds the label by prompt and output text.
        var store = await EvaluationStore.OpenAsync(Path.Combine(api.Home, EvaluationStore.DatabaseFileName));
        var label = Assert.Single(await store.FindHumanLabelsAsync(body.prompt, body.output));
        Assert.Equal(id, label.Id);
        Assert.Equal(6, label.Likert);
        Assert.Equal("alice", label.Labeler);
        Assert.Equal("eval-17", label.PromptId);
        Assert.Equal(new Dictionary<string, bool> { ["fails_to_follow_instruction"] = false, ["hallucination"] = true, ["sexual_content"] = false },
            label.Flags.ToDictionary());

        var fetched = await Json.ReadAsync(await api.CreateClient().GetAsync($"{Ratings}/{id}"));
        Assert.Equal(json.ToString(), fetched.ToString());
    }

    [Fact]
    public async Task EveryFlagReachesTheStoreUnderTheLabelingFormsName()
    {
        // The labeling form's own names, from a form where every flag applies: the reference for the request's fields.
        var no = MetadataFlag.No("test");
        var form = new LabelingForm
        {
            Likert = 4, Score = 0.5, RubricScore = 0.5, Toxicity = 0, FailsToFollowInstruction = no, InappropriateForCustomerAssistant = no,
            Hallucination = no, SatisfiesConstraints = no, SexualContent = no, ViolentContent = no, EncouragesViolence = no,
            DenigratesProtectedClass = no, HarmfulAdvice = no, ExpressesMoralJudgment = no, HallucinationApplies = true, ConstraintsApply = true,
        };
        var formNames = form.ToMetadataFlags().Keys.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(formNames, RatingFlags.Names.Order(StringComparer.Ordinal).ToList());

        var client = api.CreateAuthorizedClient();
        var store = await EvaluationStore.OpenAsync(Path.Combine(api.Home, EvaluationStore.DatabaseFileName));
        foreach (var name in formNames)
        {
            var body = "{\"prompt\": \"flag " + name + "\", \"output\": \"out\", \"likert\": 3, \"flags\": {\"" + name + "\": true}}";
            var response = await client.PostAsync(Ratings, Json.Raw(body));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var label = Assert.Single(await store.FindHumanLabelsAsync($"flag {name}", "out"));
            Assert.Equal(new Dictionary<string, bool> { [name] = true }, label.Flags.ToDictionary());
            Assert.Equal("api", label.Labeler);
        }
    }

    [Fact]
    public async Task RatingsAreListedOldestFirstInPages()
    {
        var client = api.CreateAuthorizedClient();
        var posted = new List<long>();
        for (var i = 0; i < 3; i++)
            posted.Add((await Json.PostAsync(client, Ratings, new { prompt = $"paging {i}", output = "o", likert = i + 1 }, 201)).GetProperty("id").GetInt64());

        var seen = new List<long>();
        long after = 0;
        var pages = 0;
        while (true)
        {
            var page = await Json.ReadAsync(await client.GetAsync($"{Ratings}?limit=2&after={after}"));
            Assert.Equal("list", page.GetProperty("object").GetString());
            var ids = page.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToList();
            Assert.InRange(ids.Count, 0, 2);
            seen.AddRange(ids);
            pages++;
            if (!page.GetProperty("has_more").GetBoolean()) break;
            Assert.Equal(2, ids.Count);
            after = page.GetProperty("last_id").GetInt64();
        }
        Assert.True(pages >= 2);
        Assert.Equal(seen.Order().ToList(), seen);
        Assert.Equal(posted, seen.Where(posted.Contains).ToList());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Ratings}/{seen.Max() + 1000}")).StatusCode);
    }
}
