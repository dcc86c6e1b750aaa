using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using InstructGpt.Api.Tests.Fixtures;
using InstructGpt.Training.Data;

namespace InstructGpt.Api.Tests.Datasets;

/// <summary>POST/GET/DELETE /v1/datasets against the real app and its data directory.</summary>
public sealed class DatasetsApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public static TheoryData<string, string, int> Valid => new()
    {
        { "text", """{"text": "The river runs to the sea."}""" + "\n" + """{"text": "Bread rises in a warm room.", "id": "t2"}""", 2 },
        { "demonstrations", """{"prompt": "Name a fruit.\n", "completion": "Apple."}""" + "\n" + """{"instruction": "Add", "input": "2 and 3", "output": "5"}""", 2 },
        { "prompts", """{"prompt": "Write a poem.\n", "category": "generation"}""", 1 },
        { "comparisons", """{"prompt": "p", "completions": ["a", "b", "c"], "ranks": [1, 1, 3]}""" + "\n\n" + """{"prompt": "q", "chosen": "x", "rejected": "y"}""" + "\n", 2 },
        { "toxicity_probes", """{"prompt": "My neighbor is such a", "respectful_prompt": "Complete respectfully: My neighbor is such a"}""", 1 },
    };

    private static ByteArrayContent Lines(string text)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        return content;
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public async Task EachKindUploadsAsARawBodyAndIsStoredByteForByte(string kind, string jsonl, int records)
    {
        var client = api.CreateAuthorizedClient();
        var name = $"raw-{kind}";
        var response = await client.PostAsync($"/v1/datasets?name={name}&kind={kind}", Lines(jsonl));
        var json = await Json.ReadAsync(response);

        Assert.True(response.StatusCode == HttpStatusCode.Created, json.ToString());
        Assert.Equal($"/v1/datasets/{name}", response.Headers.Location!.ToString());
        Assert.Equal(name, json.GetProperty("name").GetString());
        Assert.Equal(kind, json.GetProperty("kind").GetString());
        Assert.Equal(records, json.GetProperty("records").GetInt32());
        var bytes = Encoding.UTF8.GetBytes(jsonl);
        Assert.Equal(bytes.Length, json.GetProperty("bytes").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), json.GetProperty("sha256").GetString());
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(api.Home, "datasets", name + ".jsonl")));

        Assert.Equal(json.ToString(), (await Json.ReadAsync(await client.GetAsync($"/v1/datasets/{name}"))).ToString());
        Assert.Equal(bytes, await client.GetByteArrayAsync($"/v1/datasets/{name}/content"));
        var list = await Json.ReadAsync(await client.GetAsync("/v1/datasets"));
        Assert.Contains(list.GetProperty("data").EnumerateArray(), d => d.GetProperty("name").GetString() == name && d.GetProperty("kind").GetString() == kind);
    }

    [Fact]
    public async Task AMultipartUploadTakesItsNameFromTheFileAndValidatesWithTheTrainingReader()
    {
        var client = api.CreateAuthorizedClient();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"prompt\": \"Name a fruit.\\n\", \"completion\": \"Apple.\"}\n"));
        form.Add(file, "file", "my-sft.v1.jsonl");
        form.Add(new StringContent("demonstrations"), "kind");
        var response = await client.PostAsync("/v1/datasets", form);
        var json = await Json.ReadAsync(response);

        Assert.True(response.StatusCode == HttpStatusCode.Created, json.ToString());
        Assert.Equal("my-sft.v1", json.GetProperty("name").GetString());
        var stored = DemonstrationDataset.Read(Path.Combine(api.Home, "datasets", "my-sft.v1.jsonl"));
        Assert.Equal(new Demonstration("Name a fruit.\n", "Apple."), Assert.Single(stored));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(api.Home, "datasets"), "*.tmp")); // no upload left behind
    }

    [Fact]
    public async Task AnExistingNameIs409UnlessOverwriteAndDeleteRemovesIt()
    {
        var client = api.CreateAuthorizedClient();
        const string path = "/v1/datasets?name=replace-me&kind=prompts";
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync(path, Lines("{\"prompt\": \"one\"}"))).StatusCode);

        var conflict = await client.PostAsync(path, Lines("{\"prompt\": \"two\"}\n{\"prompt\": \"three\"}"));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var error = (await Json.ReadAsync(conflict)).GetProperty("error");
        Assert.Equal("dataset_exists", error.GetProperty("code").GetString());
        Assert.Contains("overwrite=true", error.GetProperty("message").GetString());
        Assert.Equal(1, (await Json.ReadAsync(await client.GetAsync("/v1/datasets/replace-me"))).GetProperty("records").GetInt32());

        var replaced = await client.PostAsync(path + "&overwrite=true", Lines("{\"prompt\": \"two\"}\n{\"prompt\": \"three\"}"));
        Assert.Equal(HttpStatusCode.Created, replaced.StatusCode);
        Assert.Equal(2, (await Json.ReadAsync(await client.GetAsync("/v1/datasets/replace-me"))).GetProperty("records").GetInt32());

        var deleted = await Json.ReadAsync(await client.DeleteAsync("/v1/datasets/replace-me"));
        Assert.True(deleted.GetProperty("deleted").GetBoolean());
        Assert.False(File.Exists(Path.Combine(api.Home, "datasets", "replace-me.jsonl")));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v1/datasets/replace-me")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync("/v1/datasets/replace-me")).StatusCode);
    }

    [Fact]
    public async Task InvalidRecordsAreListedByLineAndFieldAndNothingIsStored()
    {
        var jsonl = """
            {"prompt": "p", "completions": ["a", "b"]}
            {"prompt": "q", "completions": ["only one"]}

            not json at all
            {"prompt": "r", "completions": ["a", "b"], "ranks": [1, 1]}
            """;
        var response = await api.CreateAuthorizedClient().PostAsync("/v1/datasets?name=broken&kind=comparisons", Lines(jsonl));
        var error = (await Json.ReadAsync(response)).GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_dataset", error.GetProperty("code").GetString());
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains("broken.jsonl:2: completions: K must be between 2 and 9, got 1", message);
        Assert.Contains("broken.jsonl:4: invalid JSON", message);
        Assert.Contains("broken.jsonl:5: ranks: all completions are tied", message);
        var lines = error.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("line").GetInt32(), l.GetProperty("field").GetString())).ToList();
        Assert.Equal([(2, "completions"), (4, null), (5, "ranks")], lines);
        Assert.Equal(3, error.GetProperty("total_errors").GetInt32());
        Assert.Equal("completions", error.GetProperty("param").GetString());
        Assert.False(File.Exists(Path.Combine(api.Home, "datasets", "broken.jsonl")));
    }

    [Fact]
    public async Task AtMostTheConfiguredNumberOfErrorsIsListedAndAllAreCounted()
    {
        var jsonl = string.Join('\n', Enumerable.Range(0, 30).Select(i => $"{{\"prompt\": {i}}}"));
        var response = await api.CreateAuthorizedClient().PostAsync("/v1/datasets?name=many-errors&kind=prompts", Lines(jsonl));
        var error = (await Json.ReadAsync(response)).GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(20, error.GetProperty("lines").GetArrayLength()); // Datasets:MaxReportedErrors
        Assert.Equal(30, error.GetProperty("total_errors").GetInt32());
        Assert.Contains("many-errors.jsonl:1: prompt: must be a string, got a number", error.GetProperty("message").GetString());
        Assert.Contains("... and 10 more", error.GetProperty("message").GetString());
    }
}
