using InstructGpt.Evaluation.Judges;
using InstructGpt.Evaluation.Runs;
using InstructGpt.Evaluation.Storage;
using InstructGpt.Evaluation.Tests.Runs;
using InstructGpt.Evaluation.Tests.Storage;
using InstructGpt.Tasks;
using InstructGpt.Tests.Shared;

namespace InstructGpt.Evaluation.Tests.Judges;

/// <summary>
/// The AlpacaEval-style judge against this project's own completions server serving the micro checkpoints. A
/// 0.15M-parameter judge's verdicts are poor; what is tested is the plumbing: the request each endpoint gets, the
/// key, reading the reply, and that every verdict is either a preference or says why it is none.
/// </summary>
public sealed class LlmJudgeTests(MicroApiServer server) : IClassFixture<MicroApiServer>
{
    private static readonly (string Prompt, string Output, string Baseline)[] Pairs =
    [
        ("Explain what a harbor is.", "A harbor is a sheltered port.", "Harbors harbors harbors."),
        ("List three kinds of fruit.", "1. apple\n2. pear\n3. plum", "apple"),
        ("Write a sentence about the sea.", "The sea is wide and deep.", "What is the sea?"),
        ("Name a color.", "Blue.", "Blue."),
    ];

    [Theory]
    [InlineData(LlmJudgeEndpoint.Chat)]
    [InlineData(LlmJudgeEndpoint.Completions)]
    public async Task EveryComparisonGetsAVerdictOrSaysWhyItHasNone(LlmJudgeEndpoint endpoint)
    {
        using var http = new HttpClient();
        var judge = new LlmJudge(http, Options(endpoint));

        var verdicts = new List<PairwiseVerdict>();
        foreach (var pair in JudgedPairs())
            verdicts.Add(await judge.CompareAsync(pair, CancellationToken.None));

        Assert.Equal(Pairs.Length, verdicts.Count);
        Assert.All(verdicts, v => Assert.True(
            v.Result is not null
                ? v.Reason.StartsWith("sft preferred", StringComparison.Ordinal)
                : v.Reason.StartsWith("unparseable reply", StringComparison.Ordinal) || v.Reason.StartsWith("the judge refused", StringComparison.Ordinal),
            v.Reason));
        // The short prompts fit the micro model's 256 positions: the server answered every one.
        Assert.DoesNotContain(verdicts, v => v.Reason.StartsWith("the judge refused", StringComparison.Ordinal));
        // The judge runs at temperature 0: the same comparison gets the same reply.
        Assert.Equal(verdicts[0], await judge.CompareAsync(JudgedPairs()[0], CancellationToken.None));
    }

    [Fact]
    public async Task APromptLongerThanTheJudgesContextIsARefusedComparisonNotAFailedRun()
    {
        using var http = new HttpClient();
        var judge = new LlmJudge(http, Options(LlmJudgeEndpoint.Chat) with { MaxOutputCharacters = 5000 });
        var longAnswer = string.Join(' ', Enumerable.Repeat("harbor", 600));

        var verdict = await judge.CompareAsync(Pair("Explain what a harbor is.", longAnswer, "A port."), CancellationToken.None);

        Assert.Null(verdict.Result);
        Assert.StartsWith("the judge refused the request (HTTP 400)", verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("context", verdict.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AWrongKeyFailsWithTheServersStatus()
    {
        using var http = new HttpClient();
        var judge = new LlmJudge(http, Options(LlmJudgeEndpoint.Chat) with { ApiKey = "wrong" });

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => judge.CompareAsync(JudgedPairs()[0], CancellationToken.None));

        Assert.Contains("HTTP 401", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARunWithTheLlmJudgeStoresItsReadableVerdictsAndCountsTheRest()
    {
        using var database = new TemporaryDatabase();
        var store = await database.OpenAsync();
        var judged = MicroEvaluation.Request("llm-judged", [JudgeNames.Llm], ["sft", "ppo"], prompts: 4, probes: 0, documents: 0);
        var request = judged with { LlmJudge = Options(LlmJudgeEndpoint.Chat) with { MaxOutputCharacters = 120 } };

        var result = await new EvaluationRunner(store).RunAsync(request);

        var judgments = await store.ListJudgmentsAsync("llm-judged");
        Assert.Equal(RunStatus.Completed, result.Run.Status);
        Assert.Equal(4, judgments.Count + result.Counts.VerdictsUnreadable);
        Assert.All(judgments, j => Assert.Equal((JudgeNames.Llm, "ppo", "sft"), (j.Judge, j.Model, j.Baseline)));
        Assert.All(judgments, j => Assert.StartsWith("sft preferred", j.Reason, StringComparison.Ordinal));
        Assert.Empty(await store.ListSamplesAsync("llm-judged")); // a pairwise judge writes no sample rows
        Assert.DoesNotContain(MicroApiServer.ApiKey, result.Run.ConfigJson, StringComparison.Ordinal); // the key is never stored
    }

    private LlmJudgeOptions Options(LlmJudgeEndpoint endpoint) =>
        new() { BaseUrl = server.V1, Model = "sft", ApiKey = MicroApiServer.ApiKey, Endpoint = endpoint, MaxTokens = 8 };

    private static JudgedPair[] JudgedPairs() => Pairs.Select(p => Pair(p.Prompt, p.Output, p.Baseline)).ToArray();

    /// <summary>The pair with the key the runner would give it (prompt id/variant/sample index/model/baseline).</summary>
    private static JudgedPair Pair(string prompt, string output, string baseline)
    {
        var task = new Tasks.PromptTask { Id = prompt, Prompt = prompt };
        return new JudgedPair(task, new JudgedOutput(prompt, output, task), new JudgedOutput(prompt, baseline, task), $"{prompt}/none/0/ppo/sft");
    }
}
