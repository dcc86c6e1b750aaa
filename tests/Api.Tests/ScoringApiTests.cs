using System.Net;
using System.Text.Json;
using InstructGpt.Api.Tests.Fixtures;
using InstructGpt.Inference.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Api.Tests;

/// <summary>Reward models score completions at /v1/score and are refused where text is generated.</summary>
[Collection(SharedApiCollection.Name)]
public sealed class ScoringApiTests(ApiFactory api)
{
    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, object body)
    {
        var response = await api.CreateClient().PostAsync(path, Json.Body(body));
        return (response.StatusCode, await Json.ReadAsync(response));
    }

    [Theory]
    [InlineData("/v1/completions")]
    [InlineData("/v1/chat/completions")]
    public async Task ARewardModelIsRefusedWhereTextIsGenerated(string path)
    {
        object body = path.Contains("chat", StringComparison.Ordinal)
            ? new { model = "rm", messages = new[] { new { role = "user", content = "Hi" } } }
            : new { model = "rm", prompt = "Hi" };
        var (status, json) = await PostAsync(path, body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = json.GetProperty("error");
        Assert.Equal("model", error.GetProperty("param").GetString());
        Assert.Equal("model_not_supported", error.GetProperty("code").GetString());
        Assert.Contains("/v1/score", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task ScoresMatchTheRewardModelsOwnForwardPassOnEachUnpaddedPair()
    {
        string[] completions = ["A hammer is a tool.", "x", "A much longer answer that pads the other two in the batch."];
        var (status, json) = await PostAsync("/v1/score", new { model = "rm", prompt = "What is a hammer?", completions });
        Assert.True(status == HttpStatusCode.OK, json.ToString());
        Assert.Equal("list", json.GetProperty("object").GetString());
        var data = json.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2], data.Select(d => d.GetProperty("index").GetInt32()));

        // The reference: each pair alone (no padding), laid out as the RM was trained — query, completion,
        // end of text — and the head read at the last token.
        using var model = Checkpoint.Open(Path.Combine(api.CheckpointsDirectory, "rm")).LoadTrainedRewardModel();
        using var noGrad = torch.no_grad();
        var tokenizer = new ByteTokenizer();
        var tokens = 0;
        for (var i = 0; i < completions.Length; i++)
        {
            int[] ids = [.. tokenizer.Encode(Inference.Generation.InstructionFormat.Query("What is a hammer?")), .. tokenizer.Encode(completions[i]), tokenizer.EndOfTextId];
            tokens += ids.Length;
            using var input = torch.tensor(ids.Select(t => (long)t).ToArray(), new long[] { 1, ids.Length });
            using var mask = torch.ones(1, ids.Length, dtype: ScalarType.Int64);
            using var reward = model.forward(input, mask);
            Assert.Equal(reward.to(ScalarType.Float64).ToDouble(), data[i].GetProperty("score").GetDouble(), 4);
        }
        Assert.Equal(tokens, json.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public async Task ARewardModelLoadsAndUnloadsThroughTheModelsEndpoints()
    {
        var client = api.CreateAuthorizedClient();
        var loaded = await client.PostAsync("/v1/models/rm/load", null);
        Assert.Equal(HttpStatusCode.OK, loaded.StatusCode);
        var model = await Json.ReadAsync(loaded);
        Assert.True(model.GetProperty("loaded").GetBoolean());
        Assert.Equal("reward_model", model.GetProperty("kind").GetString());
        Assert.True((await Json.ReadAsync(await client.GetAsync("/v1/models/rm"))).GetProperty("loaded").GetBoolean());

        var unloaded = await Json.ReadAsync(await client.PostAsync("/v1/models/rm/unload", null));
        Assert.False(unloaded.GetProperty("loaded").GetBoolean());
        Assert.False((await Json.ReadAsync(await client.GetAsync("/v1/models/rm"))).GetProperty("loaded").GetBoolean());
        // Scoring loads it again on demand.
        var (status, _) = await PostAsync("/v1/score", new { model = "rm", prompt = "Hi", completions = new[] { "Hello" } });
        Assert.Equal(HttpStatusCode.OK, status);
    }

    public static TheoryData<string, object, HttpStatusCode, string> BadRequests() => new()
    {
        { "a language model", new { model = "sft", prompt = "Hi", completions = new[] { "a" } }, HttpStatusCode.BadRequest, "model" },
        { "no model", new { prompt = "Hi", completions = new[] { "a" } }, HttpStatusCode.BadRequest, "model" },
        { "an unknown model", new { model = "ghost", prompt = "Hi", completions = new[] { "a" } }, HttpStatusCode.NotFound, "model" },
        { "no prompt", new { model = "rm", completions = new[] { "a" } }, HttpStatusCode.BadRequest, "prompt" },
        { "no completions", new { model = "rm", prompt = "Hi" }, HttpStatusCode.BadRequest, "completions" },
        { "an empty list", new { model = "rm", prompt = "Hi", completions = Array.Empty<string>() }, HttpStatusCode.BadRequest, "completions" },
        { "65 completions", new { model = "rm", prompt = "Hi", completions = Enumerable.Repeat("a", 65).ToArray() }, HttpStatusCode.BadRequest, "completions" },
        { "a null completion", new { model = "rm", prompt = "Hi", completions = new[] { "a", null } }, HttpStatusCode.BadRequest, "completions[1]" },
        { "a misspelled field", new { model = "rm", prompt = "Hi", completion = new[] { "a" } }, HttpStatusCode.BadRequest, "completion" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadScoreRequestsNameTheField(string name, object body, HttpStatusCode expected, string param)
    {
        var (status, json) = await PostAsync("/v1/score", body);
        Assert.True(status == expected, $"{name}: got {(int)status} {json}");
        Assert.Equal(param, json.GetProperty("error").GetProperty("param").GetString());
    }
}
