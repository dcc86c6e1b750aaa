using System.Net;
using InstructGpt.Api.Tests.Fixtures;
using Case = InstructGpt.Api.Tests.MalformedRequestTests.Case;

namespace InstructGpt.Api.Tests.Feedback;

/// <summary>Client mistakes on /v1/feedback get a 4xx naming the field and its allowed range, never a 500; the key is required to write.</summary>
public sealed class FeedbackMalformedRequestTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Ratings = "/v1/feedback/ratings";
    private const string Comparisons = "/v1/feedback/comparisons";

    private static string R(string fields) => "{\"prompt\": \"Hi\\n\", \"output\": \"Hello\", " + fields + "}";
    private static string C(string fields) => "{\"prompt\": \"Hi\\n\", " + fields + "}";
    private static Case Rating(string name, string body, int status, string message, string? param = null) => new(name, Ratings, body, status, message, param, Authorized: true);
    private static Case Comparison(string name, string body, int status, string message, string? param = null) => new(name, Comparisons, body, status, message, param, Authorized: true);

    public static readonly Case[] Cases =
    [
        Rating("truncated JSON", "{\"prompt\": \"Hi\", ", 400, "parse the JSON"),
        Rating("an array body", "[1, 2]", 400, "JSON object"),
        Rating("a null body", "null", 400, "body"),
        Rating("likert 0", R("\"likert\": 0"), 400, "[1, 7]", "likert"),
        Rating("likert 8", R("\"likert\": 8"), 400, "[1, 7]", "likert"),
        Rating("likert as a string", R("\"likert\": \"5\""), 400, "Invalid type for 'likert'", "likert"),
        Rating("likert as a fraction", R("\"likert\": 5.5"), 400, "integer", "likert"),
        Rating("no likert", R("\"model\": \"sft\""), 400, "from 1 (terrible) to 7", "likert"),
        Rating("no prompt", "{\"output\": \"x\", \"likert\": 3}", 400, "prompt", "prompt"),
        Rating("a blank prompt", "{\"prompt\": \"  \", \"output\": \"x\", \"likert\": 3}", 400, "must not be empty", "prompt"),
        Rating("a prompt with an unpaired surrogate", "{\"prompt\": \"\\ud800\", \"output\": \"x\", \"likert\": 3}", 400, "'prompt'", "prompt"),
        Rating("no output", "{\"prompt\": \"p\", \"likert\": 3}", 400, "output", "output"),
        Rating("output is a number", "{\"prompt\": \"p\", \"output\": 5, \"likert\": 3}", 400, "Invalid type for 'output'", "output"),
        Rating("an unknown flag", R("\"likert\": 3, \"flags\": {\"sexual\": true}"), 400, "sexual_content", "flags.sexual"),
        Rating("a flag that is not a boolean", R("\"likert\": 3, \"flags\": {\"hallucination\": \"yes\"}"), 400, "boolean", "flags.hallucination"),
        Rating("flags as an array", R("\"likert\": 3, \"flags\": [\"hallucination\"]"), 400, "Invalid type for 'flags'", "flags"),
        Rating("a labeler name too long", R("\"likert\": 3, \"labeler\": \"" + new string('x', 200) + "\""), 400, "1 to 128", "labeler"),
        Rating("a comment too long", R("\"likert\": 3, \"comment\": \"" + new string('x', 10_001) + "\""), 400, "at most 10000", "comment"),
        Rating("text/plain", R("\"likert\": 3"), 415, "Content-Type") with { ContentType = "text/plain" },
        Comparison("one output", C("\"outputs\": [\"a\"], \"ranking\": [0]"), 400, "2 to 9", "outputs"),
        Comparison("ten outputs", C("\"outputs\": [\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\"], \"ranking\": [0,1,2,3,4,5,6,7,8,9]"), 400, "2 to 9", "outputs"),
        Comparison("no outputs", C("\"ranking\": [0, 1]"), 400, "outputs", "outputs"),
        Comparison("a null output", C("\"outputs\": [\"a\", null], \"ranking\": [0, 1]"), 400, "must be a string", "outputs[1]"),
        Comparison("a numeric output", C("\"outputs\": [\"a\", 7], \"ranking\": [0, 1]"), 400, "Invalid type for 'outputs[1]'", "outputs[1]"),
        Comparison("no ranking", C("\"outputs\": [\"a\", \"b\"]"), 400, "permutation of 0..1", "ranking"),
        Comparison("ranking repeats an index", C("\"outputs\": [\"a\", \"b\", \"c\"], \"ranking\": [2, 0, 0]"), 400, "appears twice", "ranking[2]"),
        Comparison("ranking index out of range", C("\"outputs\": [\"a\", \"b\", \"c\"], \"ranking\": [0, 3, 1]"), 400, "[0, 2]", "ranking[1]"),
        Comparison("negative ranking index", C("\"outputs\": [\"a\", \"b\"], \"ranking\": [-1, 0]"), 400, "[0, 1]", "ranking[0]"),
        Comparison("ranking too short", C("\"outputs\": [\"a\", \"b\", \"c\"], \"ranking\": [0, 1]"), 400, "3 entries, got 2", "ranking"),
        Comparison("ranking of strings", C("\"outputs\": [\"a\", \"b\"], \"ranking\": [\"a\", \"b\"]"), 400, "Invalid type for 'ranking[0]'", "ranking[0]"),
        Comparison("ranks all tied", C("\"outputs\": [\"a\", \"b\"], \"ranking\": [0, 1], \"ranks\": [1, 1]"), 400, "every output is tied", "ranks"),
        Comparison("ranks decreasing", C("\"outputs\": [\"a\", \"b\", \"c\"], \"ranking\": [0, 1, 2], \"ranks\": [1, 3, 2]"), 400, "non-decreasing", "ranks[2]"),
        Comparison("ranks not starting at 1", C("\"outputs\": [\"a\", \"b\"], \"ranking\": [0, 1], \"ranks\": [2, 3]"), 400, "must be 1", "ranks[0]"),
        Comparison("ranks of the wrong length", C("\"outputs\": [\"a\", \"b\"], \"ranking\": [0, 1], \"ranks\": [1, 2, 3]"), 400, "one rank per entry", "ranks"),
        new("list limit 0", $"{Ratings}?limit=0", null, 400, "[1, 1000]", "limit", Method: "GET"),
        new("list limit not a number", $"{Comparisons}?limit=ten", null, 400, "[1, 1000]", "limit", Method: "GET"),
        new("list after negative", $"{Comparisons}?after=-4", null, 400, "after", "after", Method: "GET"),
        new("an unknown rating", $"{Ratings}/987654", null, 404, "no rating 987654", "id", Method: "GET"),
        new("an unknown comparison", $"{Comparisons}/987654", null, 404, "no comparison 987654", "id", Method: "GET"),
    ];

    public static TheoryData<Case> All() => new(Cases);

    [Theory]
    [MemberData(nameof(All))]
    public async Task MalformedFeedbackGetsA4xxNamingTheProblem(Case c) => await RejectedRequest.AssertAsync(api, c);

    [Fact]
    public async Task NothingWasStoredByTheRejectedRequestsAndTheServerIsHealthy()
    {
        var client = api.CreateAuthorizedClient();
        async Task<int> Count(string path) => (await Json.ReadAsync(await client.GetAsync($"{path}?limit=1000"))).GetProperty("data").GetArrayLength();
        var (ratings, comparisons) = (await Count(Ratings), await Count(Comparisons));
        foreach (var c in Cases) await RejectedRequest.AssertAsync(api, c);
        Assert.Equal(ratings, await Count(Ratings));
        Assert.Equal(comparisons, await Count(Comparisons));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Theory]
    [InlineData(Ratings, "{\"prompt\": \"p\", \"output\": \"o\", \"likert\": 4}")]
    [InlineData(Comparisons, "{\"prompt\": \"p\", \"outputs\": [\"a\", \"b\"], \"ranking\": [1, 0]}")]
    public async Task WritingFeedbackNeedsTheApiKey(string path, string body)
    {
        var anonymous = await api.CreateClient().PostAsync(path, Json.Raw(body));
        var wrong = api.CreateClient();
        wrong.DefaultRequestHeaders.Authorization = new("Bearer", "not-the-key");
        var wrongKey = await wrong.PostAsync(path, Json.Raw(body));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("didn't provide an API key", (await Json.ReadAsync(anonymous)).GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal("invalid_api_key", (await Json.ReadAsync(wrongKey)).GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Created, (await api.CreateAuthorizedClient().PostAsync(path, Json.Raw(body))).StatusCode);
    }
}
