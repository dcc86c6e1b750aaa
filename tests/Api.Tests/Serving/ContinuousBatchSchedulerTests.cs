using InstructGpt.Api.Tests.Fixtures;
using InstructGpt.Inference.Generation;
using InstructGpt.Inference.Model;
using InstructGpt.Inference.Serving;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Api.Tests.Serving;

/// <summary>
/// The scheduler against <see cref="CompletionGenerator"/> run on each request alone: rows that join a running
/// batch, leave it, and share a compacted cache must produce exactly what they produce alone.
/// </summary>
public sealed class ContinuousBatchSchedulerTests : IDisposable
{
    private static readonly GptConfig ShortContext = TestCheckpoints.Config with { NPositions = 48 };
    private readonly ByteTokenizer tokenizer = new();
    private readonly GptLanguageModel model;

    public ContinuousBatchSchedulerTests()
    {
        using var generator = new Generator(7);
        model = new GptLanguageModel(ShortContext, generator);
        model.eval();
    }

    public void Dispose() => model.Dispose();

    private IReadOnlyList<GeneratedSequence> Alone(string prompt, SamplingOptions options) =>
        new CompletionGenerator(model, tokenizer).Generate([prompt], options);

    private static GenerationRequest Request(string prompt, SamplingOptions options) =>
        new([new ByteTokenizer().Encode(prompt)], options);

    [Fact]
    public async Task RequestsThatJoinAndLeaveARunningBatchMatchRunningAlone()
    {
        // Prompts of different lengths, greedy and seeded sampling, stops, different max_tokens: rows join at
        // different columns, leave at different steps, and the 48-position cache must be compacted.
        var requests = new (string prompt, SamplingOptions options)[]
        {
            ("Once upon", new SamplingOptions { MaxTokens = 36, Temperature = 0, IgnoreEos = true }),
            ("A much longer prompt of twenty-eight", new SamplingOptions { MaxTokens = 10, Temperature = 0, IgnoreEos = true }),
            ("Seeded", new SamplingOptions { MaxTokens = 30, Temperature = 0.9, TopP = 0.9, Seed = 11, IgnoreEos = true }),
            ("Top-k", new SamplingOptions { MaxTokens = 25, Temperature = 1.2, TopK = 5, Seed = 5, N = 2, IgnoreEos = true }),
            ("Short", new SamplingOptions { MaxTokens = 40, Temperature = 0, Logprobs = 2 }),
            ("Twenty-two characters!", new SamplingOptions { MaxTokens = 20, Temperature = 0, IgnoreEos = true }),
        };
        var expected = requests.Select(r => Alone(r.prompt, r.options)).ToList();

        using var scheduler = new ContinuousBatchScheduler("test", model, tokenizer, new SchedulerOptions { MaxBatchSize = 8 });
        var first = scheduler.Submit(Request(requests[0].prompt, requests[0].options), stream: true);
        // Wait until the first request is decoding, so that the others join a running batch.
        Assert.True(await first.Deltas.WaitToReadAsync());
        var streams = new List<GenerationStream> { first };
        foreach (var (prompt, options) in requests.Skip(1))
        {
            streams.Add(scheduler.Submit(Request(prompt, options)));
            await Task.Delay(3);
        }
        var results = await Task.WhenAll(streams.Select(s => s.Completion));

        for (var i = 0; i < requests.Length; i++)
        {
            Assert.Equal(expected[i].Count, results[i].Sequences.Count);
            for (var s = 0; s < expected[i].Count; s++)
            {
                Assert.Equal(expected[i][s].Text, results[i].Sequences[s].Text);
                Assert.Equal(expected[i][s].TokenIds, results[i].Sequences[s].TokenIds);
                Assert.Equal(expected[i][s].FinishReason, results[i].Sequences[s].FinishReason);
            }
        }
        var logprobsAlone = expected[4][0].Logprobs!.Select(l => l.Logprob!.Value).ToArray();
        var logprobsBatched = results[4].Sequences[0].Logprobs!.Select(l => l.Logprob!.Value).ToArray();
        Assert.Equal(logprobsAlone.Length, logprobsBatched.Length);
        for (var j = 0; j < logprobsAlone.Length; j++) Assert.Equal(logprobsAlone[j], logprobsBatched[j], 4);

        var stats = scheduler.Statistics;
        Assert.True(stats.MaxBatchSizeObserved > 1, $"requests were never batched: {stats}");
        Assert.True(stats.Compactions > 0, $"the 48-column cache was never compacted: {stats}");
        Assert.Equal(requests.Length, stats.CompletedRequests);
        Assert.Equal(0, stats.ActiveSequences);
    }

    [Fact]
    public async Task EchoedPromptsSeededSamplesAndTheirLogprobsMatchTheGenerator()
    {
        // Both loops prepare prompts through PromptBatch: the same padding, sample seeds and prompt logprobs.
        var options = new SamplingOptions { MaxTokens = 12, Temperature = 0.9, Seed = 21, N = 2, Logprobs = 2, Echo = true, IgnoreEos = true };
        var expected = Alone("Echo this", options);
        using var scheduler = new ContinuousBatchScheduler("test", model, tokenizer);
        var result = await scheduler.Submit(Request("Echo this", options)).Completion;
        Assert.Equal(expected.Count, result.Sequences.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Text, result.Sequences[i].Text);
            Assert.Equal(expected[i].TokenIds, result.Sequences[i].TokenIds);
            var (want, got) = (expected[i].Logprobs!, result.Sequences[i].Logprobs!);
            Assert.Equal(want.Count, got.Count);
            for (var j = 0; j < want.Count; j++)
            {
                Assert.Equal((want[j].TokenId, want[j].TextOffset, want[j].Top.Count), (got[j].TokenId, got[j].TextOffset, got[j].Top.Count));
                if (want[j].Logprob is { } w) Assert.Equal(w, got[j].Logprob!.Value, 5);
                else Assert.Null(got[j].Logprob);
            }
        }
        Assert.NotEqual(expected[0].TokenIds, expected[1].TokenIds); // the two samples have their own streams
    }

    [Fact]
    public async Task StreamedDeltasAddUpToTheResult()
    {
        using var scheduler = new ContinuousBatchScheduler("test", model, tokenizer);
        var options = new SamplingOptions { MaxTokens = 30, Temperature = 0.8, Seed = 3, N = 2, Stop = ["e", "at"], Logprobs = 1, Echo = true };
        var stream = scheduler.Submit(Request("Stream me", options), stream: true);
        var texts = new string[2];
        var logprobs = new int[2];
        await foreach (var delta in stream.Deltas.ReadAllAsync())
        {
            texts[delta.Index] += delta.Text;
            logprobs[delta.Index] += delta.Logprobs!.Count;
        }
        var result = await stream.Completion;
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(result.Sequences[i].Text, texts[i]);
            Assert.Equal(result.Sequences[i].Logprobs!.Count, logprobs[i]);
        }
    }

    [Fact]
    public async Task CancelledRequestsLeaveTheQueueAndTheBatch()
    {
        using var scheduler = new ContinuousBatchScheduler("test", model, tokenizer, new SchedulerOptions { MaxBatchSize = 1, QueueCapacity = 1 });
        using var runningCancel = new CancellationTokenSource();
        using var queuedCancel = new CancellationTokenSource();
        var longRun = new SamplingOptions { MaxTokens = 40, Temperature = 0, IgnoreEos = true };
        var running = scheduler.Submit(Request("run", longRun), stream: true, runningCancel.Token);
        Assert.True(await running.Deltas.WaitToReadAsync());
        var queued = scheduler.Submit(Request("wait", longRun), cancellation: queuedCancel.Token);
        Assert.Throws<SchedulerQueueFullException>(() => scheduler.Submit(Request("full", longRun)));

        queuedCancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued.Completion);
        var next = scheduler.Submit(Request("next", new SamplingOptions { MaxTokens = 3, Temperature = 0 })); // the slot is free again
        runningCancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.Completion);
        await next.Completion;

        Assert.Equal(2, scheduler.Statistics.CancelledRequests);
        Assert.Equal(0, scheduler.Statistics.QueuedRequests);
    }

    [Fact]
    public void RequestsBeyondTheContextOrVocabularyAreRefusedWithTheField()
    {
        using var scheduler = new ContinuousBatchScheduler("test", model, tokenizer);
        var tooLong = Assert.ThrowsAny<ArgumentException>(() => scheduler.Submit(Request("abc", new SamplingOptions { MaxTokens = 46 })));
        var badId = Assert.ThrowsAny<ArgumentException>(() => scheduler.Submit(new GenerationRequest([[1, 300]], new SamplingOptions())));
        var badTemperature = Assert.ThrowsAny<ArgumentException>(() => scheduler.Submit(Request("abc", new SamplingOptions { Temperature = 9 })));
        Assert.Equal("max_tokens", tooLong.ParamName);
        Assert.Equal("prompt", badId.ParamName);
        Assert.Equal("temperature", badTemperature.ParamName);
    }
}
