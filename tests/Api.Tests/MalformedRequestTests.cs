using System.Net;
using System.Text;
using System.Text.Json;
using InstructGpt.Api.Tests.Fixtures;

namespace InstructGpt.Api.Tests;

/// <summary>Client mistakes get a 4xx whose message names the problem, never a 500, and the server stays healthy.</summary>
[Collection(SharedApiCollection.Name)]
public sealed class MalformedRequestTests(ApiFactory api)
{
    /// <param name="Name">What the case is about.</param>
    /// <param name="Path">Where it is sent.</param>
    /// <param name="Body">The raw body (null: none).</param>
    /// <param name="Status">The status expected.</param>
    /// <param name="MessagePart">Text the error message must contain (the field, or the problem).</param>
    /// <param name="Param">The "param" expected, when one applies.</param>
    public sealed record Case(string Name, string Path, string? Body, int Status, string MessagePart, string? Param = null, string Method = "POST", string ContentType = "application/json", bool Authorized = false)
    {
        public override string ToString() => Name;
    }

    private const string Completions = "/v1/completions";
    private const string Chat = "/v1/chat/completions";

    private static string C(string fields) => "{\"model\": \"sft\", \"prompt\": \"Hi\", " + fields + "}";
    private static string M(string fields) => "{\"model\": \"sft\", " + fields + "}";

    public static readonly Case[] Cases =
    [
        new("truncated JSON", Completions, "{\"model\": \"sft\", ", 400, "parse the JSON"),
        new("not JSON at all", Completions, "model=sft&prompt=hi", 400, "parse the JSON"),
        new("an array instead of an object", Completions, "[1, 2, 3]", 400, "JSON object"),
        new("a JSON null body", Completions, "null", 400, "body"),
        new("an empty body", Completions, "", 400, "body"),
        new("trailing garbage", Completions, C("\"max_tokens\": 4") + " x", 400, "parse the JSON"),
        new("nesting too deep", Chat, M("\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}], \"tools\": " + new string('[', 100) + new string(']', 100)), 400, "depth"),
        new("an unknown field", Completions, C("\"foo\": 1"), 400, "Unrecognized request argument supplied: foo", "foo"),
        new("a misspelled field", Completions, C("\"max_token\": 4"), 400, "Did you mean 'max_tokens'", "max_token"),
        new("an unknown field in a message", Chat, M("\"messages\": [{\"role\": \"user\", \"content\": \"Hi\", \"contnet\": 1}]"), 400, "Did you mean 'content'", "messages[0].contnet"),
        new("chat with tools", Chat, M("\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}], \"tools\": [{\"type\": \"function\"}]"), 400, "do not call tools", "tools"),
        new("chat asking for JSON output", Chat, M("\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}], \"response_format\": {\"type\": \"json_object\"}"), 400, "JSON", "response_format"),
        new("chat with a tool call in a message", Chat, M("\"messages\": [{\"role\": \"assistant\", \"content\": \"\", \"tool_calls\": [{\"id\": \"1\"}]}, {\"role\": \"user\", \"content\": \"Hi\"}]"), 400, "tools", "messages[0].tool_calls"),
        new("chat with reasoning effort", Chat, M("\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}], \"reasoning_effort\": \"high\""), 400, "reason", "reasoning_effort"),
        new("a misspelled training-job field", "/v1/training/jobs", "{\"stage\": \"sft\", \"hyperparameter\": {\"Epochs\": 1}}", 400, "Did you mean 'hyperparameters'", "hyperparameter", Authorized: true),
        new("a shortened nested field", "/v1/evaluations", "{\"models\": [\"sft\"], \"sampling\": {\"temp\": 1}}", 400, "Did you mean 'temperature'", "sampling.temp", Authorized: true),
        new("an unknown evaluation field", "/v1/evaluations", "{\"models\": [\"sft\"], \"bogus\": 1}", 400, "Unrecognized request argument supplied: bogus", "bogus", Authorized: true),
        new("text/plain body", Completions, C("\"max_tokens\": 4"), 415, "Content-Type", ContentType: "text/plain"),
        new("no model", Completions, "{\"prompt\": \"Hi\"}", 400, "model", "model"),
        new("model is a number", Completions, "{\"model\": 7, \"prompt\": \"Hi\"}", 400, "'model'", "model"),
        new("unknown model", Completions, "{\"model\": \"no-such-model\", \"prompt\": \"Hi\"}", 404, "no-such-model", "model"),
        new("model path traversal", Completions, "{\"model\": \"../checkpoints/sft\", \"prompt\": \"Hi\"}", 400, "model name", "model"),
        new("model with a slash", Completions, "{\"model\": \"sft/../../etc\", \"prompt\": \"Hi\"}", 400, "model name", "model"),
        new("absolute model path", Completions, "{\"model\": \"/etc/passwd\", \"prompt\": \"Hi\"}", 400, "model name", "model"),
        new("hidden model directory", Completions, "{\"model\": \".sft.tmp\", \"prompt\": \"Hi\"}", 400, "model name", "model"),
        new("model name too long", Completions, "{\"model\": \"" + new string('m', 300) + "\", \"prompt\": \"Hi\"}", 400, "at most 128", "model"),
        new("no prompt", Completions, "{\"model\": \"sft\"}", 400, "prompt", "prompt"),
        new("prompt is an object", Completions, "{\"model\": \"sft\", \"prompt\": {\"text\": \"Hi\"}}", 400, "'prompt'", "prompt"),
        new("prompt is an empty array", Completions, "{\"model\": \"sft\", \"prompt\": []}", 400, "empty array", "prompt"),
        new("prompt mixes strings and numbers", Completions, "{\"model\": \"sft\", \"prompt\": [\"Hi\", 3]}", 400, "prompt[1]", "prompt"),
        new("token id is a fraction", Completions, "{\"model\": \"sft\", \"prompt\": [72, 1.5]}", 400, "token ids must be integers", "prompt"),
        new("token id arrays hold a string", Completions, "{\"model\": \"sft\", \"prompt\": [[72, \"i\"]]}", 400, "prompt[0][1]", "prompt"),
        new("token id outside the vocabulary", Completions, "{\"model\": \"sft\", \"prompt\": [72, 99999]}", 400, "[0, 256]", "prompt[1]"),
        new("negative token id", Completions, "{\"model\": \"sft\", \"prompt\": [[-1]]}", 400, "[0, 256]", "prompt[0][0]"),
        new("negative max_tokens", Completions, C("\"max_tokens\": -1"), 400, "max_tokens", "max_tokens"),
        new("max_tokens as a string", Completions, C("\"max_tokens\": \"16\""), 400, "Invalid type for 'max_tokens'", "max_tokens"),
        new("max_tokens overflows", Completions, C("\"max_tokens\": 10000000000"), 400, "'max_tokens'", "max_tokens"),
        new("max_tokens beyond the context", Completions, C("\"max_tokens\": 100000"), 400, "maximum context length is 512", "max_tokens"),
        new("temperature above 2", Completions, C("\"temperature\": 2.5"), 400, "[0, 2]", "temperature"),
        new("temperature as a word", Completions, C("\"temperature\": \"hot\""), 400, "'temperature'", "temperature"),
        new("top_p of 0", Completions, C("\"top_p\": 0"), 400, "(0, 1]", "top_p"),
        new("top_p above 1", Completions, C("\"top_p\": 1.5"), 400, "top_p", "top_p"),
        new("top_k below -1", Completions, C("\"top_k\": -5"), 400, "top_k", "top_k"),
        new("n of 0", Completions, C("\"n\": 0"), 400, "[1, 128]", "n"),
        new("n above 128", Completions, C("\"n\": 500"), 400, "[1, 128]", "n"),
        new("too many completions", Completions, C("\"n\": 100"), 400, "at most 64", "n"),
        new("logprobs above 20", Completions, C("\"logprobs\": 21"), 400, "[0, 20]", "logprobs"),
        new("logprobs as a boolean", Completions, C("\"logprobs\": true"), 400, "'logprobs'", "logprobs"),
        new("five stop sequences", Completions, C("\"stop\": [\"a\", \"b\", \"c\", \"d\", \"e\"]"), 400, "at most 4", "stop"),
        new("an empty stop sequence", Completions, C("\"stop\": [\"\"]"), 400, "non-empty", "stop[0]"),
        new("stop is a number", Completions, C("\"stop\": 42"), 400, "'stop'", "stop"),
        new("echo as a string", Completions, C("\"echo\": \"yes\""), 400, "boolean", "echo"),
        new("seed as a string", Completions, C("\"seed\": \"abc\""), 400, "'seed'", "seed"),
        new("stream_options without stream", Completions, C("\"stream_options\": {\"include_usage\": true}"), 400, "stream", "stream_options"),
        new("best_of above n", Completions, C("\"best_of\": 3"), 400, "best_of", "best_of"),
        new("presence_penalty", Completions, C("\"presence_penalty\": 1.0"), 400, "presence_penalty", "presence_penalty"),
        new("logit_bias", Completions, C("\"logit_bias\": {\"50\": 10}"), 400, "logit_bias", "logit_bias"),
        new("suffix", Completions, C("\"suffix\": \"end\""), 400, "suffix", "suffix"),
        new("max_tokens 0 without echo", Completions, C("\"max_tokens\": 0"), 400, "max_tokens", "max_tokens"),
        new("chat without messages", Chat, "{\"model\": \"sft\"}", 400, "messages", "messages"),
        new("chat with no message", Chat, M("\"messages\": []"), 400, "at least one message", "messages"),
        new("chat messages as a string", Chat, M("\"messages\": \"hi\""), 400, "'messages'", "messages"),
        new("chat message is null", Chat, M("\"messages\": [null]"), 400, "messages[0]", "messages[0]"),
        new("chat role tool", Chat, M("\"messages\": [{\"role\": \"tool\", \"content\": \"x\"}]"), 400, "system, developer, user, assistant", "messages[0].role"),
        new("chat message without content", Chat, M("\"messages\": [{\"role\": \"user\"}]"), 400, "messages[0].content", "messages[0].content"),
        new("chat content is a number", Chat, M("\"messages\": [{\"role\": \"user\", \"content\": 42}]"), 400, "content", "messages[0].content"),
        new("chat image content", Chat, M("\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image_url\", \"image_url\": {}}]}]"), 400, "only text parts", "messages[0].content"),
        new("chat top_logprobs without logprobs", Chat, M("\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"top_logprobs\": 2"), 400, "logprobs", "top_logprobs"),
        new("chat top_logprobs above 20", Chat, M("\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"logprobs\": true, \"top_logprobs\": 50"), 400, "[0, 20]", "top_logprobs"),
        new("chat messages beyond the context", Chat, M("\"messages\": [{\"role\": \"user\", \"content\": \"" + string.Concat(Enumerable.Repeat("word ", 600)) + "\"}]"), 400, "maximum context length is 512", "messages"),
        new("chat max_tokens beyond the context", Chat, M("\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}], \"max_tokens\": 100000"), 400, "maximum context length is 512", "max_tokens"),
        new("chat max_completion_tokens negative", Chat, M("\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"max_completion_tokens\": -3"), 400, "max_completion_tokens", "max_completion_tokens"),
        new("GET on a POST endpoint", Completions, null, 405, "method", Method: "GET"),
        new("unknown /v1 endpoint", "/v1/engines/davinci/completions", "{}", 404, "Unknown endpoint"),
        new("model lookup with traversal", "/v1/models/..%2F..%2Fetc", null, 400, "model name", Method: "GET"),
        new("model lookup of a dot name", "/v1/models/.hidden", null, 400, "model name", Method: "GET"),
        new("a chat body that is an array", Chat, "[1]", 400, "\"messages\""),
        new("a chat body that is not JSON", Chat, "{\"model\": sft}", 400, "\"messages\""),
        new("a query parameter that is not a number", "/v1/pipelines?limit=abc", null, 400, "query parameter 'limit'", "limit", Method: "GET"),
        new("a query parameter that is a fraction", "/v1/training/jobs?limit=1.5", null, 400, "expected an integer", "limit", Method: "GET"),
        new("load a missing model", "/v1/models/ghost/load", null, 404, "ghost", Authorized: true),
        new("load with traversal", "/v1/models/..%2Fsft/load", null, 400, "model name", Authorized: true),
    ];

    public static TheoryData<Case> All() => new(Cases);

    [Theory]
    [MemberData(nameof(All))]
    public async Task MalformedRequestGetsA4xxNamingTheProblem(Case c)
    {
        var client = c.Authorized ? api.CreateAuthorizedClient() : api.CreateClient();
        var request = new HttpRequestMessage(new HttpMethod(c.Method), c.Path);
        if (c.Body is not null) request.Content = new StringContent(c.Body, Encoding.UTF8, c.ContentType);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(c.Status == (int)response.StatusCode, $"{c.Name}: expected {c.Status}, got {(int)response.StatusCode}: {text}");
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error");
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains(c.MessagePart, message, StringComparison.OrdinalIgnoreCase);
        // Errors speak the API's language: no reader positions, .NET type names or binder wording.
        foreach (var internals in new[] { "LineNumber", "BytePositionInLine", "System.", "Nullable<", "Failed to bind" })
            Assert.DoesNotContain(internals, message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(error.GetProperty("type").GetString()));
        if (c.Param is not null) Assert.Equal(c.Param, error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task ThereAreAtLeast30DistinctCases() => Assert.True(Cases.Select(c => c.Name).Distinct().Count() >= 30);

    [Fact]
    public async Task OversizeBodyIs413AndTheServerStaysHealthy()
    {
        var client = api.CreateClient();
        var huge = "{\"model\": \"sft\", \"prompt\": \"" + new string('a', 2 << 20) + "\"}";
        var declared = await client.PostAsync(Completions, new StringContent(huge, Encoding.UTF8, "application/json"));
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge)));
        chunked.Headers.ContentType = new("application/json");
        var streamed = await client.PostAsync(Completions, chunked);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Contains("limit of 1048576 bytes", (await Json.ReadAsync(declared)).GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task UnknownFieldsAreRefusedAsOpenaiDoesAndKnownOnesAtTheirDefaultsPass()
    {
        // A field outside OpenAI's schema would otherwise be ignored and the request run without what it asked for.
        var refused = await api.CreateClient().PostAsync(Completions, Json.Body(new { model = "sft", prompt = "Hi", max_tokens = 2, foo = new { bar = new[] { 1, 2 } } }));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("foo", (await Json.ReadAsync(refused)).GetProperty("error").GetProperty("param").GetString());
        var json = await Json.PostAsync(api.CreateClient(), Completions, new { model = "sft", prompt = "Hi", max_tokens = 2, frequency_penalty = 0, logit_bias = new { }, best_of = 1 });
        Assert.Single(json.GetProperty("choices").EnumerateArray());
    }

    [Fact]
    public async Task AfterAllMalformedRequestsTheServerIsHealthy()
    {
        var client = api.CreateClient();
        foreach (var c in Cases)
        {
            var request = new HttpRequestMessage(new HttpMethod(c.Method), c.Path);
            if (c.Body is not null) request.Content = new StringContent(c.Body, Encoding.UTF8, c.ContentType);
            var response = await client.SendAsync(request);
            Assert.InRange((int)response.StatusCode, 400, 499);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        await Json.PostAsync(client, Completions, new { model = "sft", prompt = "still fine", max_tokens = 3 });
    }
}
