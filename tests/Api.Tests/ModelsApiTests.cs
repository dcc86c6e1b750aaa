using System.Net;
using InstructGpt.Api.Tests.Fixtures;

namespace InstructGpt.Api.Tests;

[Collection(SharedApiCollection.Name)]
public sealed class ModelsApiTests(ApiFactory api)
{
    [Fact]
    public async Task ModelsListsCheckpointsWithStageAndParent()
    {
        var client = api.CreateClient();
        var list = await Json.ReadAsync(await client.GetAsync("/v1/models"));

        Assert.Equal("list", list.GetProperty("object").GetString());
        var models = list.GetProperty("data").EnumerateArray().ToDictionary(m => m.GetProperty("id").GetString()!);
        Assert.Equal(["base", "rm", "sft"], models.Keys.Order());
        Assert.Equal("language_model", models["sft"].GetProperty("kind").GetString());
        Assert.Equal("reward_model", models["rm"].GetProperty("kind").GetString());
        Assert.Equal("sft", models["rm"].GetProperty("parent").GetString());
        Assert.Equal("model", models["sft"].GetProperty("object").GetString());
        Assert.Equal("instructgpt", models["sft"].GetProperty("owned_by").GetString());
        Assert.Equal("sft", models["sft"].GetProperty("stage").GetString());
        Assert.Equal("base", models["sft"].GetProperty("parent").GetString());
        Assert.Equal("base", models["base"].GetProperty("stage").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, models["base"].GetProperty("parent").ValueKind);
        Assert.Equal(512, models["sft"].GetProperty("context_length").GetInt32());
        Assert.True(models["sft"].GetProperty("created").GetInt64() > 1_700_000_000);
    }

    [Fact]
    public async Task ADamagedCheckpointIsReportedWithoutTheServersPaths()
    {
        var directory = Path.Combine(api.CheckpointsDirectory, "damaged");
        Directory.CreateDirectory(directory);
        File.Copy(Path.Combine(api.CheckpointsDirectory, "sft", "config.json"), Path.Combine(directory, "config.json"));
        await File.WriteAllBytesAsync(Path.Combine(directory, "model.safetensors"), new byte[16]); // not safetensors
        try
        {
            var response = await api.CreateAuthorizedClient().PostAsync("/v1/models/damaged/load", null);
            var message = (await Json.ReadAsync(response)).GetProperty("error").GetProperty("message").GetString()!;
            Assert.True((int)response.StatusCode >= 400, message);
            Assert.Contains("checkpoints/damaged/", message);
            Assert.DoesNotContain(Path.GetFullPath(api.Home), message);
            // One damaged checkpoint does not break the list.
            Assert.Equal(HttpStatusCode.OK, (await api.CreateClient().GetAsync("/v1/models")).StatusCode);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("/srv/ig/data/rm.train.jsonl:3: bad", "/srv/ig", "data/rm.train.jsonl:3: bad")]
    [InlineData("no checkpoint in /srv/ig", "/srv/ig/", "no checkpoint in the data directory")]
    [InlineData("/srv/igx/other is elsewhere", "/srv/ig", "/srv/igx/other is elsewhere")]
    public void ServerPathsAreMadeRelativeToTheDataDirectory(string message, string home, string expected) =>
        Assert.Equal(expected, InstructGpt.Api.Errors.ServerPaths.Hide(message, home));

    [Fact]
    public async Task HiddenAndIncompleteDirectoriesAreNotModels()
    {
        Directory.CreateDirectory(Path.Combine(api.CheckpointsDirectory, ".sft.tmp-123"));
        Directory.CreateDirectory(Path.Combine(api.CheckpointsDirectory, "empty"));
        var list = await Json.ReadAsync(await api.CreateClient().GetAsync("/v1/models"));
        Assert.DoesNotContain(list.GetProperty("data").EnumerateArray(), m => m.GetProperty("id").GetString() is ".sft.tmp-123" or "empty");
    }

    [Fact]
    public async Task OneModelIsDescribedAndAnUnknownOneIs404()
    {
        var client = api.CreateClient();
        var sft = await Json.ReadAsync(await client.GetAsync("/v1/models/sft"));
        var missing = await client.GetAsync("/v1/models/nope");
        var error = await Json.ReadAsync(missing);

        Assert.Equal("sft", sft.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("model_not_found", error.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task LoadAndUnloadNeedTheKeyAndChangeLoaded()
    {
        var anonymous = api.CreateClient();
        var client = api.CreateAuthorizedClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/v1/models/base/load", null)).StatusCode);

        var loaded = await Json.ReadAsync(await client.PostAsync("/v1/models/base/load", null));
        Assert.True(loaded.GetProperty("loaded").GetBoolean());
        var listed = await Json.ReadAsync(await client.GetAsync("/v1/models/base"));
        Assert.True(listed.GetProperty("loaded").GetBoolean());

        var unloaded = await Json.ReadAsync(await client.PostAsync("/v1/models/base/unload", null));
        Assert.False(unloaded.GetProperty("loaded").GetBoolean());
        Assert.False((await Json.ReadAsync(await client.GetAsync("/v1/models/base"))).GetProperty("loaded").GetBoolean());
        // And it loads again on use.
        await Json.PostAsync(client, "/v1/completions", new { model = "base", prompt = "x", max_tokens = 2 });
    }
}
