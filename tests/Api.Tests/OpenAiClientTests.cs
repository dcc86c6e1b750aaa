using System.Text.Json;
using InstructGpt.Api.Tests.Fixtures;

namespace InstructGpt.Api.Tests;

/// <summary>OpenAI's official Node client (npm "openai") against the API on a real Kestrel server.</summary>
[Collection(KestrelApiCollection.Name)]
public sealed class OpenAiClientTests(KestrelApiFactory api)
{
    [Fact]
    public async Task OfficialOpenaiNodeClientRunsCompletionsStreamingAndChat()
    {
        var clientDirectory = Path.Combine(SourceTree.TestsDirectory(), "client-js");
        Assert.True(File.Exists(Path.Combine(clientDirectory, "node_modules", "openai", "package.json")),
            $"the openai npm package is not installed in {clientDirectory}: run scripts/setup.sh (it runs npm ci there)");
        var node = ExternalProcess.Find("node") ?? throw new Xunit.Sdk.XunitException("node is not on PATH: run scripts/setup.sh");

        var (exit, stdout, stderr) = await ExternalProcess.RunAsync(node, ["openai-client.mjs", new Uri(api.BaseAddress, "/v1").ToString(), ApiFactory.ApiKey],
            clientDirectory, TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, $"node exited with {exit}: {stderr}");
        var results = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]).RootElement;

        var models = results.GetProperty("models").EnumerateArray().ToDictionary(m => m.GetProperty("id").GetString()!);
        Assert.Equal("sft", models["sft"].GetProperty("stage").GetString());
        Assert.Equal("base", models["sft"].GetProperty("parent").GetString());

        var completion = results.GetProperty("completion");
        Assert.Equal("text_completion", completion.GetProperty("object").GetString());
        Assert.Equal(12, completion.GetProperty("logprobTokens").GetInt32());
        Assert.Equal(12, completion.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        var http = api.CreateClient();
        http.BaseAddress = api.BaseAddress;
        var direct = await Json.PostAsync(http, "/v1/completions", new { model = "sft", prompt = "Hello from Node", max_tokens = 12, temperature = 0, ignore_eos = true });
        Assert.Equal(direct.GetProperty("choices")[0].GetProperty("text").GetString(), completion.GetProperty("text").GetString());

        var stream = results.GetProperty("stream");
        Assert.Equal(completion.GetProperty("text").GetString(), stream.GetProperty("text").GetString());
        Assert.True(stream.GetProperty("chunks").GetInt32() > 2);
        Assert.Equal(12, stream.GetProperty("usage").GetProperty("completion_tokens").GetInt32());

        var chat = results.GetProperty("chat");
        Assert.Equal("chat.completion", chat.GetProperty("object").GetString());
        Assert.Equal(["assistant", "assistant"], chat.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var contents = chat.GetProperty("contents").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Equal(contents[0], contents[1]); // greedy
        Assert.Equal(contents[0], results.GetProperty("chatStream").GetProperty("content").GetString());

        var error = results.GetProperty("error");
        Assert.Equal(404, error.GetProperty("status").GetInt32());
        Assert.Equal("model_not_found", error.GetProperty("code").GetString());
        Assert.Equal("model", error.GetProperty("param").GetString());
    }
}
