using System.Text.Json;
using InstructGpt.Api.Tests.Fixtures;

namespace InstructGpt.Api.Tests;

[Collection(SharedApiCollection.Name)]
public sealed class CompletionsApiTests(ApiFactory api)
{
    private readonly HttpClient client = api.CreateClient();

    private Task<JsonElement> Complete(object body, int status = 200) => Json.PostAsync(client, "/v1/completions", body, status);

    private static string Text(JsonElement completion, int choice = 0) =>
        completion.GetProperty("choices")[choice].GetProperty("text").GetString()!;

    [Fact]
    public async Task CompletionHasOpenaiShapeAndUsage()
    {
        var json = await Complete(new { model = "sft", prompt = "Hello", max_tokens = 8, temperature = 0, ignore_eos = true });

        Assert.StartsWith("cmpl-", json.GetProperty("id").GetString());
        Assert.Equal("text_completion", json.GetProperty("object").GetString());
        Assert.Equal("sft", json.GetProperty("model").GetString());
        Assert.True(json.GetProperty("created").GetInt64() > 1_700_000_000);
        var choice = Assert.Single(json.GetProperty("choices").EnumerateArray());
        Assert.Equal(0, choice.GetProperty("index").GetInt32());
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(JsonValueKind.Null, choice.GetProperty("logprobs").ValueKind);
        var usage = json.GetProperty("usage");
        Assert.Equal(5, usage.GetProperty("prompt_tokens").GetInt32()); // one token per byte
        Assert.Equal(8, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(13, usage.GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task GreedyCompletionIsRepeatableAndModelsDiffer()
    {
        var request = new { model = "sft", prompt = "The sea", max_tokens = 12, temperature = 0, ignore_eos = true };
        var first = Text(await Complete(request));
        var second = Text(await Complete(request));
        var other = Text(await Complete(new { model = "base", prompt = "The sea", max_tokens = 12, temperature = 0, ignore_eos = true }));

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task StreamSendsChunksUsageAndDone()
    {
        var body = new { model = "sft", prompt = "Hello", max_tokens = 10, temperature = 0, ignore_eos = true, stream = true, stream_options = new { include_usage = true } };
        var response = await client.PostAsync("/v1/completions", Json.Body(body));
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var (events, done) = Sse.Parse(await response.Content.ReadAsStringAsync());

        Assert.True(done);
        var usage = events[^1];
        Assert.Empty(usage.GetProperty("choices").EnumerateArray());
        Assert.Equal(10, usage.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(5, usage.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        var chunks = events[..^1];
        Assert.True(chunks.Count >= 2, "a 10-token completion streams in several chunks");
        Assert.All(chunks, c =>
        {
            Assert.Equal("text_completion", c.GetProperty("object").GetString());
            Assert.Equal(events[0].GetProperty("id").GetString(), c.GetProperty("id").GetString());
            Assert.False(c.TryGetProperty("usage", out _));
        });
        Assert.Equal("length", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.All(chunks[..^1], c => Assert.Equal(JsonValueKind.Null, c.GetProperty("choices")[0].GetProperty("finish_reason").ValueKind));

        // The streamed text is the non-streamed text.
        var streamed = string.Concat(chunks.Select(c => c.GetProperty("choices")[0].GetProperty("text").GetString()));
        var whole = Text(await Complete(new { model = "sft", prompt = "Hello", max_tokens = 10, temperature = 0, ignore_eos = true }));
        Assert.Equal(whole, streamed);
    }

    [Fact]
    public async Task StreamWithoutIncludeUsageHasNoUsageChunk()
    {
        var response = await client.PostAsync("/v1/completions", Json.Body(new { model = "sft", prompt = "Hi", max_tokens = 4, stream = true, seed = 3 }));
        var (events, done) = Sse.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(done);
        Assert.All(events, e => Assert.NotEmpty(e.GetProperty("choices").EnumerateArray()));
    }

    [Fact]
    public async Task NSamplesDifferAndASeedRepeatsThem()
    {
        var request = new { model = "sft", prompt = "Once", max_tokens = 12, temperature = 1.0, n = 3, seed = 1234, ignore_eos = true };
        var first = await Complete(request);
        var again = await Complete(request);

        var choices = first.GetProperty("choices").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2], choices.Select(c => c.GetProperty("index").GetInt32()));
        Assert.Equal(3, choices.Select(c => c.GetProperty("text").GetString()).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 3).Select(i => Text(first, i)), Enumerable.Range(0, 3).Select(i => Text(again, i)));
        Assert.Equal(36, first.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(4, first.GetProperty("usage").GetProperty("prompt_tokens").GetInt32()); // the prompt counts once
    }

    [Fact]
    public async Task SeveralPromptsAndTokenIdPromptsAreCompletedInChoiceOrder()
    {
        var texts = await Complete(new { model = "sft", prompt = new[] { "ab", "xyz" }, max_tokens = 6, temperature = 0, n = 2, ignore_eos = true });
        var ids = await Complete(new { model = "sft", prompt = new[] { new[] { 97, 98 }, new[] { 120, 121, 122 } }, max_tokens = 6, temperature = 0, ignore_eos = true });
        var single = await Complete(new { model = "sft", prompt = new[] { 120, 121, 122 }, max_tokens = 6, temperature = 0, ignore_eos = true });

        Assert.Equal(4, texts.GetProperty("choices").GetArrayLength());
        Assert.Equal(Text(texts, 0), Text(texts, 1)); // greedy: both samples of "ab" agree
        Assert.Equal(Text(texts, 0), Text(ids, 0));
        Assert.Equal(Text(texts, 2), Text(ids, 1));
        Assert.Equal(Text(texts, 2), Text(single, 0));
        Assert.Equal(5, texts.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public async Task StopSequenceEndsTheTextBeforeIt()
    {
        var full = Text(await Complete(new { model = "sft", prompt = "Stop here", max_tokens = 24, temperature = 0, ignore_eos = true }));
        // A stop made of two characters from the middle of the greedy text.
        var stop = full.Substring(6, 2);
        var cut = full.IndexOf(stop, StringComparison.Ordinal);
        var stopped = await Complete(new { model = "sft", prompt = "Stop here", max_tokens = 24, temperature = 0, ignore_eos = true, stop = new[] { stop, "never-matches" } });
        var streamedResponse = await client.PostAsync("/v1/completions", Json.Body(new { model = "sft", prompt = "Stop here", max_tokens = 24, temperature = 0, ignore_eos = true, stop, stream = true }));
        var (events, _) = Sse.Parse(await streamedResponse.Content.ReadAsStringAsync());

        Assert.Equal(full[..cut], Text(stopped));
        Assert.Equal("stop", stopped.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(full[..cut], string.Concat(events.Select(e => e.GetProperty("choices")[0].GetProperty("text").GetString())));
        Assert.Equal("stop", events[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task LogprobsListEveryTokenWithItsTopAlternatives()
    {
        var json = await Complete(new { model = "sft", prompt = "Hi", max_tokens = 5, temperature = 0, logprobs = 3, ignore_eos = true });
        var logprobs = json.GetProperty("choices")[0].GetProperty("logprobs");
        var tokens = logprobs.GetProperty("tokens").EnumerateArray().ToList();
        var chosen = logprobs.GetProperty("token_logprobs").EnumerateArray().Select(e => e.GetDouble()).ToList();
        var top = logprobs.GetProperty("top_logprobs").EnumerateArray().ToList();
        var offsets = logprobs.GetProperty("text_offset").EnumerateArray().Select(e => e.GetInt32()).ToList();

        Assert.Equal(5, tokens.Count);
        Assert.All(chosen, lp => Assert.True(lp <= 0));
        // OpenAI counts text_offset from the start of the prompt: the first completion token starts after "Hi", and every
        // offset is a position in prompt + completion (a token holding part of a character adds nothing until it completes).
        Assert.Equal("Hi".Length, offsets[0]);
        Assert.Equal(offsets.Order(), offsets);
        Assert.InRange(offsets[^1], "Hi".Length, "Hi".Length + Text(json).Length);
        for (var i = 0; i < 5; i++)
        {
            var alternatives = top[i].EnumerateObject().ToList();
            Assert.InRange(alternatives.Count, 1, 3);
            // Greedy: the chosen token is the most likely one.
            Assert.Equal(alternatives.Max(a => a.Value.GetDouble()), chosen[i], 6);
        }
    }

    [Fact]
    public async Task EchoReturnsThePromptAndItsLogprobs()
    {
        var plain = Text(await Complete(new { model = "sft", prompt = "Echo", max_tokens = 4, temperature = 0, ignore_eos = true }));
        var json = await Complete(new { model = "sft", prompt = "Echo", max_tokens = 4, temperature = 0, echo = true, logprobs = 1, ignore_eos = true });
        var onlyPrompt = await Complete(new { model = "sft", prompt = "Echo", max_tokens = 0, echo = true, logprobs = 0 });

        Assert.Equal("Echo" + plain, Text(json));
        var logprobs = json.GetProperty("choices")[0].GetProperty("logprobs");
        Assert.Equal(8, logprobs.GetProperty("tokens").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, logprobs.GetProperty("token_logprobs")[0].ValueKind); // nothing predicts the first token
        Assert.Equal(JsonValueKind.Number, logprobs.GetProperty("token_logprobs")[1].ValueKind);
        Assert.Equal([0, 1, 2, 3, 4], logprobs.GetProperty("text_offset").EnumerateArray().Take(5).Select(e => e.GetInt32()));
        Assert.Equal("Echo", Text(onlyPrompt));
        Assert.Equal(0, onlyPrompt.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task TopK1IsGreedy()
    {
        var greedy = Text(await Complete(new { model = "sft", prompt = "K", max_tokens = 10, temperature = 0, ignore_eos = true }));
        var topK = Text(await Complete(new { model = "sft", prompt = "K", max_tokens = 10, temperature = 1.5, top_k = 1, ignore_eos = true }));
        Assert.Equal(greedy, topK);
    }
}
