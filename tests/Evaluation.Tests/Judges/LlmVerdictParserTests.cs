using InstructGpt.Evaluation.Judges;

namespace InstructGpt.Evaluation.Tests.Judges;

public sealed class LlmVerdictParserTests
{
    [Theory]
    [InlineData("Output (a)", LlmPreference.A)]
    [InlineData("Output (b)", LlmPreference.B)]
    [InlineData("output (B) is better because it answers the question.", LlmPreference.B)]
    [InlineData("I prefer Output a.", LlmPreference.A)]
    [InlineData("Output(b)", LlmPreference.B)]
    [InlineData("The best is Output (a); Output (b) is off topic.", LlmPreference.A)] // the first named output decides
    [InlineData("b", LlmPreference.B)]
    [InlineData("  (A).", LlmPreference.A)]
    [InlineData("They are equally good.", LlmPreference.Tie)]
    [InlineData("It's a tie", LlmPreference.Tie)]
    public void ReadsThePreference(string reply, LlmPreference expected) =>
        Assert.Equal(expected, LlmVerdictParser.Parse(reply));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("A harbor is a sheltered port.")]   // a continuation, not a verdict
    [InlineData("Output about the sea")]            // "output" followed by a word, not a letter
    [InlineData("abba")]
    [InlineData("Human: which one?")]
    public void AnythingElseIsUnparseable(string? reply) =>
        Assert.Null(LlmVerdictParser.Parse(reply));

    [Fact]
    public void TheOrderShownIsFixedByTheComparisonAndBalancedOverMany()
    {
        var keys = Enumerable.Range(0, 400).Select(i => $"test-{i:D5}/none/0/ppo/sft").ToArray();
        var first = keys.Count(LlmJudge.ModelShownFirst);

        Assert.Equal(keys.Select(LlmJudge.ModelShownFirst), keys.Select(LlmJudge.ModelShownFirst));
        Assert.InRange(first, 160, 240); // about half: a judge's preference for position (a) cancels out
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/v1", LlmJudgeEndpoint.Chat, "http://127.0.0.1:8080/v1/chat/completions")]
    [InlineData("http://127.0.0.1:8080", LlmJudgeEndpoint.Completions, "http://127.0.0.1:8080/v1/completions")]
    [InlineData("https://api.example.com/v1/", LlmJudgeEndpoint.Chat, "https://api.example.com/v1/chat/completions")]
    public void TheBaseUrlTakesV1AsOpenaiClientsDo(string baseUrl, LlmJudgeEndpoint endpoint, string expected) =>
        Assert.Equal(expected, new LlmJudgeOptions { BaseUrl = baseUrl, Model = "m", Endpoint = endpoint }.EndpointUri.ToString());

    [Fact]
    public void ABadBaseUrlIsRefusedNamingTheField()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new LlmJudgeOptions { BaseUrl = "localhost:8080", Model = "m" }.Validate());
        Assert.Equal("llm_url", error.ParamName);
    }
}
