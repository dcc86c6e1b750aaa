using System.Net;
using System.Net.Http.Headers;
using System.Text;
using InstructGpt.Api.Tests.Feedback;
using InstructGpt.Api.Tests.Fixtures;
using Case = InstructGpt.Api.Tests.MalformedRequestTests.Case;

namespace InstructGpt.Api.Tests.Datasets;

/// <summary>Bad uploads and names get a 4xx naming the problem, never a 500, and never touch a file outside the datasets directory.</summary>
public sealed class DatasetMalformedRequestTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Ndjson = "application/x-ndjson";
    private const string Prompt = "{\"prompt\": \"hi\"}";

    private static Case Upload(string name, string query, string? body, int status, string message, string? param = null, string contentType = Ndjson) =>
        new(name, "/v1/datasets" + query, body, status, message, param, ContentType: contentType, Authorized: true);

    public static readonly Case[] Cases =
    [
        Upload("an unknown kind", "?name=a&kind=images", Prompt, 400, "text, demonstrations, prompts, comparisons, toxicity_probes", "kind"),
        Upload("no kind", "?name=a", Prompt, 400, "kind", "kind"),
        Upload("no name", "?kind=prompts", Prompt, 400, "name", "name"),
        Upload("a parent-directory name", "?name=..%2F..%2Fescape&kind=prompts", Prompt, 400, "dataset name", "name"),
        Upload("a name with a slash", "?name=sub%2Fdir&kind=prompts", Prompt, 400, "dataset name", "name"),
        Upload("a name with two dots", "?name=a..b&kind=prompts", Prompt, 400, "dataset name", "name"),
        Upload("a hidden name", "?name=.hidden&kind=prompts", Prompt, 400, "dataset name", "name"),
        Upload("an absolute path as name", "?name=%2Fetc%2Fpasswd&kind=prompts", Prompt, 400, "dataset name", "name"),
        Upload("a name too long", $"?name={new string('n', 65)}&kind=prompts", Prompt, 400, "1 to 64", "name"),
        Upload("overwrite not a boolean", "?name=a&kind=prompts&overwrite=maybe", Prompt, 400, "true or false", "overwrite"),
        Upload("an empty body", "?name=a&kind=prompts", "", 400, "empty", "file"),
        Upload("only blank lines", "?name=a&kind=prompts", "\n\n  \n", 400, "blank lines", "file"),
        Upload("a bad record on line 3", "?name=bad3&kind=demonstrations", "{\"prompt\": \"a\", \"completion\": \"b\"}\n{\"prompt\": \"c\", \"completion\": \"d\"}\n{\"prompt\": \"e\"}\n",
            400, "bad3.jsonl:3: completion: required field is missing", "completion"),
        Upload("invalid JSON on line 2", "?name=bad2&kind=text", "{\"text\": \"ok\"}\n{\"text\": \n", 400, "bad2.jsonl:2: invalid JSON"),
        Upload("an unpaired surrogate escape on line 2", "?name=sur&kind=prompts", "{\"prompt\": \"ok\"}\n{\"prompt\": \"\\ud800 x\"}\n", 400,
            "sur.jsonl:2: a string holds an unpaired UTF-16 surrogate", "file"),
        Upload("a JSON array line", "?name=arr&kind=text", "[\"text\"]\n", 400, "arr.jsonl:1: expected a JSON object, got an array"),
        Upload("a JSON body instead of JSONL", "?name=a&kind=prompts", Prompt, 415, "multipart/form-data", contentType: "application/json"),
        Upload("a form without a file part", "?name=a&kind=prompts", "--b\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nprompts\r\n--b--\r\n", 400, "no 'file' part", "file",
            contentType: "multipart/form-data; boundary=b"),
        Upload("a multipart body without a boundary", "?name=a&kind=prompts", "garbage", 400, "boundary", "file", contentType: "multipart/form-data"),
        Upload("a truncated multipart body", "?name=a&kind=prompts", "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jsonl\"\r\n\r\n{\"prompt\"", 400, "malformed", "file",
            contentType: "multipart/form-data; boundary=b"),
        new("get with a traversal name", "/v1/datasets/..%2F..%2Fetc%2Fpasswd", null, 400, "dataset name", "name", Method: "GET"),
        new("download with a traversal name", "/v1/datasets/..%2Finstructgpt.db/content", null, 400, "dataset name", "name", Method: "GET"),
        new("get an unknown dataset", "/v1/datasets/nope", null, 404, "no dataset 'nope'", "name", Method: "GET"),
        new("delete with a traversal name", "/v1/datasets/..%2Fapi-key", null, 400, "dataset name", "name", Method: "DELETE", Authorized: true),
    ];

    public static TheoryData<Case> All() => new(Cases);

    [Theory]
    [MemberData(nameof(All))]
    public async Task MalformedUploadGetsA4xxNamingTheProblem(Case c) => await RejectedRequest.AssertAsync(api, c);

    [Fact]
    public async Task RejectedUploadsLeaveNothingBehindAndTheServerStaysHealthy()
    {
        var client = api.CreateAuthorizedClient();
        foreach (var c in Cases) await RejectedRequest.AssertAsync(api, c);
        var datasets = Path.Combine(api.Home, "datasets");
        Assert.Empty(Directory.Exists(datasets) ? Directory.EnumerateFiles(datasets) : []);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task AnUploadThatIsNotUtf8IsRefused()
    {
        var content = new ByteArrayContent([.. "{\"prompt\": \"caf"u8, 0xE9, .. "\"}\n"u8]); // Latin-1 é
        content.Headers.ContentType = new MediaTypeHeaderValue(Ndjson);
        var response = await api.CreateAuthorizedClient().PostAsync("/v1/datasets?name=latin1&kind=prompts", content);
        var error = (await Json.ReadAsync(response)).GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not UTF-8", error.GetProperty("message").GetString());
        Assert.Equal("invalid_encoding", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task UploadingAndDeletingNeedTheApiKey()
    {
        var body = new StringContent(Prompt, Encoding.UTF8, Ndjson);
        var anonymous = await api.CreateClient().PostAsync("/v1/datasets?name=locked&kind=prompts", body);
        var wrong = api.CreateClient();
        wrong.DefaultRequestHeaders.Authorization = new("Bearer", ApiFactory.ApiKey + "x");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.PostAsync("/v1/datasets?name=locked&kind=prompts", new StringContent(Prompt, Encoding.UTF8, Ndjson))).StatusCode);
        Assert.False(File.Exists(Path.Combine(api.Home, "datasets", "locked.jsonl")));

        var authorized = api.CreateAuthorizedClient();
        Assert.Equal(HttpStatusCode.Created, (await authorized.PostAsync("/v1/datasets?name=locked&kind=prompts", new StringContent(Prompt, Encoding.UTF8, Ndjson))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().DeleteAsync("/v1/datasets/locked")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.DeleteAsync("/v1/datasets/locked")).StatusCode);
        Assert.True(File.Exists(Path.Combine(api.Home, "datasets", "locked.jsonl")));
        Assert.Equal(HttpStatusCode.OK, (await authorized.DeleteAsync("/v1/datasets/locked")).StatusCode);
    }

    [Fact]
    public async Task AnUploadOverItsOwnLimitIs413WhileJsonRequestsKeepTheirs()
    {
        using var small = new ApiFactory(new() { ["Datasets:MaxUploadBytes"] = "4096", ["Limits:MaxRequestBodyBytes"] = "2048" });
        var client = small.CreateAuthorizedClient();
        var line = "{\"text\": \"" + new string('a', 100) + "\"}\n";
        var fits = string.Concat(Enumerable.Repeat(line, 30)); // 3,450 bytes: over the JSON limit, under the upload limit
        var over = string.Concat(Enumerable.Repeat(line, 50)); // 5,750 bytes

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/v1/datasets?name=fits&kind=text", new StringContent(fits, Encoding.UTF8, Ndjson))).StatusCode);
        var declared = await client.PostAsync("/v1/datasets?name=over&kind=text", new StringContent(over, Encoding.UTF8, Ndjson));
        var streamed = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(over)));
        streamed.Headers.ContentType = new MediaTypeHeaderValue(Ndjson);
        var chunked = await client.PostAsync("/v1/datasets?name=over&kind=text", streamed);
        using var form = new MultipartFormDataContent { { new StringContent(over), "file", "over.jsonl" } };
        var multipart = await client.PostAsync("/v1/datasets?kind=text", form);

        foreach (var response in new[] { declared, chunked, multipart })
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Contains("limit of 4096 bytes (Datasets:MaxUploadBytes)", (await Json.ReadAsync(response)).GetProperty("error").GetProperty("message").GetString());
        }
        Assert.Equal(["fits.jsonl", "fits.meta.json"], Directory.EnumerateFiles(Path.Combine(small.Home, "datasets")).Select(Path.GetFileName).Order());
        var rating = await client.PostAsync("/v1/feedback/ratings", Json.Raw("{\"prompt\": \"" + new string('p', 3000) + "\", \"output\": \"o\", \"likert\": 2}"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, rating.StatusCode);
        Assert.Contains("(Limits:MaxRequestBodyBytes)", (await Json.ReadAsync(rating)).GetProperty("error").GetProperty("message").GetString());
    }
}
