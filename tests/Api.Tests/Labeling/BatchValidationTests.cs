using System.Net;
using InstructGpt.Api.Tests.Fixtures;

namespace InstructGpt.Api.Tests.Labeling;

/// <summary>A batch is checked before it is queued: each field out of its range is a 400 naming it, and nothing is queued.</summary>
[Collection(SharedApiCollection.Name)]
public sealed class BatchValidationTests(ApiFactory api)
{
    private static Dictionary<string, object?> Valid() => new()
    {
        ["prompts"] = new { texts = new[] { "Say hi." } },
        ["models"] = new[] { "sft" },
    };

    public static TheoryData<string, string> Invalid() => new()
    {
        { """{"prompts": {"texts": ["Say hi."]}, "models": ["sft"], "name": ""}""", "name" },
        { $$"""{"prompts": {"texts": ["Say hi."]}, "models": ["sft"], "name": "{{new string('n', 65)}}"}""", "name" },
        { """{"models": ["sft"]}""", "prompts" },
        { """{"prompts": {}, "models": ["sft"]}""", "prompts" },
        { """{"prompts": {"texts": ["a"], "eval_set": "test"}, "models": ["sft"]}""", "prompts" },
        { """{"prompts": {"texts": []}, "models": ["sft"]}""", "prompts.texts" },
        { """{"prompts": {"texts": ["ok", " "]}, "models": ["sft"]}""", "prompts.texts[1]" },
        { """{"prompts": {"eval_set": "no-such-set"}, "models": ["sft"]}""", "prompts.eval_set" },
        { """{"prompts": {"dataset": "no-such-dataset"}, "models": ["sft"]}""", "prompts.dataset" },
        { """{"prompts": {"dataset": "../etc"}, "models": ["sft"]}""", "prompts.dataset" },
        { """{"prompts": {"texts": ["Say hi."]}, "models": ["sft"], "max_prompts": 0}""", "max_prompts" },
        { """{"prompts": {"texts": ["Say hi."]}, "models": ["sft"], "max_prompts": 100001}""", "max_prompts" },
        { """{"prompts": {"texts": ["Say hi."]}}""", "models" },
        { """{"prompts": {"texts": ["Say hi."]}, "models": []}""", "models" },
        { """{"prompts": {"texts": ["Say hi."]}, "models": ["sft", "sft"]}""", "models[1]" },
        { """{"prompts": {"texts": ["Say hi."]}, "models": ["sft", "a", "b", "c", "d", "e", "f", "g", "h", "i"]}""", "models" },
        { """{"prompts": {"texts": ["Say hi."]}, "models": ["no-such-model"]}""", "models[0]" },
        { """{"prompts": {"texts": ["Say hi."]}, "models": ["rm"]}""", "models[0]" },
        { """{"prompts": {"texts": ["Say hi."]}, "models": ["sft"], "outputs_per_prompt": 1}""", "outputs_per_prompt" },
        { """{"prompts": {"texts": ["Say hi."]}, "models": ["sft"], "outputs_per_prompt": 10}""", "outputs_per_prompt" },
        { """{"prompts": {"texts": ["Say hi."]}, "models": ["sft", "base", "gpt"], "outputs_per_prompt": 2}""", "outputs_per_prompt" },
        { """{"prompts": {"texts": ["Say hi."]}, "models": ["sft"], "sampling": {"temperature": -1}}""", "sampling.temperature" },
        { """{"prompts": {"texts": ["Say hi."]}, "models": ["sft"], "sampling": {"top_p": 0}}""", "sampling.top_p" },
        { """{"prompts": {"texts": ["Say hi."]}, "models": ["sft"], "sampling": {"max_tokens": 0}}""", "sampling.max_tokens" },
        { """{"prompts": {"texts": ["Say hi."]}, "models": ["sft"], "sampling": {"seed": -1}}""", "sampling.seed" },
        { """{"prompts": {"texts": ["Say hi."]}, "models": ["sft"], "overlap": 0}""", "overlap" },
        { """{"prompts": {"texts": ["Say hi."]}, "models": ["sft"], "overlap": 11}""", "overlap" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task FieldOutOfRangeIs400NamingIt(string body, string param)
    {
        var admin = api.CreateAuthorizedClient();
        var before = (await Jobs.JobHomes.GetAsync(admin, Labelers.Batches)).GetProperty("data").GetArrayLength();
        var (status, _, named, message) = await Labelers.ErrorAsync(await admin.PostAsync(Labelers.Batches, Json.Raw(body)));
        Assert.True((status, named) == (HttpStatusCode.BadRequest, param), $"{body}: {(int)status} {named}: {message}");
        Assert.Equal(before, (await Jobs.JobHomes.GetAsync(admin, Labelers.Batches)).GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task ListLimitIsChecked()
    {
        var admin = api.CreateAuthorizedClient();
        Assert.Equal("limit", (await Labelers.ErrorAsync(await admin.GetAsync($"{Labelers.Batches}?limit=0"))).Param);
        Assert.Equal("limit", (await Labelers.ErrorAsync(await admin.GetAsync($"{Labelers.Batches}?limit=101"))).Param);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().PostAsync(Labelers.Batches, Json.Body(Valid()))).StatusCode);
    }
}
