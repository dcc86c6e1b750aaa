using System.Text.Json;
using InstructGpt.Api.Chat;
using InstructGpt.Api.Tests.Fixtures;

namespace InstructGpt.Api.Tests;

[Collection(SharedApiCollection.Name)]
public sealed class ChatApiTests(ApiFactory api)
{
    private readonly HttpClient client = api.CreateClient();

    private static readonly object[] Conversation =
    [
        new { role = "system", content = "Be brief." },
        new { role = "user", content = "Hello!" },
        new { role = "assistant", content = "Hi! How can I help you?" },
        new { role = "user", content = new object[] { new { type = "text", text = "What is a " }, new { type = "text", text = "lighthouse?" } } },
    ];

    [Fact]
    public void TemplateRendersTheWorldsChatFormat()
    {
        var messages = new[]
        {
            new ChatMessage { Role = "system", Content = new ChatContent("Be brief.", false) },
            new ChatMessage { Role = "user", Content = new ChatContent("Hello!", false) },
            new ChatMessage { Role = "assistant", Content = new ChatContent("Hi! How can I help you?", false) },
            new ChatMessage { Role = "user", Content = new ChatContent("What is a lighthouse?", false) },
        };
        Assert.Equal("Be brief.\n\nHuman: Hello!\nAI: Hi! How can I help you?\nHuman: What is a lighthouse?\nAI:\n", ChatTemplate.Render(messages));
    }

    [Fact]
    public async Task ChatCompletionContinuesTheRenderedConversation()
    {
        var prompt = "Be brief.\n\nHuman: Hello!\nAI: Hi! How can I help you?\nHuman: What is a lighthouse?\nAI:\n";
        var chat = await Json.PostAsync(client, "/v1/chat/completions", new { model = "sft", messages = Conversation, max_tokens = 12, temperature = 0 });
        var completion = await Json.PostAsync(client, "/v1/completions", new { model = "sft", prompt, max_tokens = 12, temperature = 0, stop = "\nHuman:" });

        Assert.StartsWith("chatcmpl-", chat.GetProperty("id").GetString());
        Assert.Equal("chat.completion", chat.GetProperty("object").GetString());
        var choice = Assert.Single(chat.GetProperty("choices").EnumerateArray());
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal(completion.GetProperty("choices")[0].GetProperty("text").GetString()!.TrimStart(), choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(completion.GetProperty("choices")[0].GetProperty("finish_reason").GetString(), choice.GetProperty("finish_reason").GetString());
        Assert.Equal(prompt.Length, chat.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public async Task OpenAIFieldsThatAskForNothingAreAccepted()
    {
        // What OpenAI clients send by default or routinely: none of it asks for a feature these models lack.
        var plain = await Json.PostAsync(client, "/v1/chat/completions", new { model = "sft", messages = Conversation, max_tokens = 6, temperature = 0 });
        var withDefaults = await Json.PostAsync(client, "/v1/chat/completions", new
        {
            model = "sft", messages = Conversation, max_tokens = 6, temperature = 0,
            response_format = new { type = "text" }, tools = Array.Empty<object>(), tool_choice = "none", parallel_tool_calls = false,
            store = false, metadata = new { run = "a" }, service_tier = "auto", modalities = new[] { "text" }, logit_bias = new { },
        });
        Assert.Equal(plain.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(),
            withDefaults.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task ChatStreamSendsRoleThenContentChunksUsageAndDone()
    {
        var body = new { model = "sft", messages = Conversation, max_tokens = 12, temperature = 0, stream = true, stream_options = new { include_usage = true } };
        var response = await client.PostAsync("/v1/chat/completions", Json.Body(body));
        var (events, done) = Sse.Parse(await response.Content.ReadAsStringAsync());
        var whole = await Json.PostAsync(client, "/v1/chat/completions", new { model = "sft", messages = Conversation, max_tokens = 12, temperature = 0 });

        Assert.True(done);
        Assert.All(events, e => Assert.Equal("chat.completion.chunk", e.GetProperty("object").GetString()));
        Assert.Equal("assistant", events[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        var content = string.Concat(events.Where(e => e.GetProperty("choices").GetArrayLength() > 0)
            .Select(e => e.GetProperty("choices")[0].GetProperty("delta"))
            .Select(d => d.TryGetProperty("content", out var c) ? c.GetString() : ""));
        Assert.Equal(whole.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), content);
        Assert.NotEqual(JsonValueKind.Null, events[^2].GetProperty("choices")[0].GetProperty("finish_reason").ValueKind);
        Assert.Equal(whole.GetProperty("usage").GetProperty("total_tokens").GetInt32(), events[^1].GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task ChatLogprobsCarryBytesAndTopAlternatives()
    {
        var chat = await Json.PostAsync(client, "/v1/chat/completions",
            new { model = "sft", messages = new[] { new { role = "user", content = "Hi" } }, max_tokens = 4, temperature = 0, logprobs = true, top_logprobs = 2 });
        var content = chat.GetProperty("choices")[0].GetProperty("logprobs").GetProperty("content").EnumerateArray().ToList();
        Assert.NotEmpty(content);
        Assert.All(content, t =>
        {
            Assert.True(t.GetProperty("logprob").GetDouble() <= 0);
            Assert.Single(t.GetProperty("bytes").EnumerateArray()); // byte-level tokens
            Assert.Equal(2, t.GetProperty("top_logprobs").GetArrayLength());
        });
    }
}
