using System.Text.Json;
using InstructGpt.Api.Tests.Fixtures;

namespace InstructGpt.Api.Tests;

/// <summary>The OpenAPI document describes every endpoint, and Swagger UI renders it in a real (headless) browser.</summary>
[Collection(KestrelApiCollection.Name)]
public sealed class SwaggerUiTests(KestrelApiFactory api)
{
    private static readonly string[] Paths = ["/v1/completions", "/v1/chat/completions", "/v1/models", "/v1/models/{model}", "/v1/models/{model}/load", "/v1/models/{model}/unload", "/v1/score", "/health", "/ready", "/metrics"];

    [Fact]
    public async Task OpenApiDocumentSummarisesEveryEndpointWithSchemasAndExamples()
    {
        var client = api.CreateClient();
        client.BaseAddress = api.BaseAddress;
        var document = await Json.ReadAsync(await client.GetAsync("/openapi/v1.json"));
        var paths = document.GetProperty("paths");
        foreach (var path in Paths) Assert.True(paths.TryGetProperty(path, out _), $"{path} is not in the document");
        foreach (var path in paths.EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject())
                Assert.False(string.IsNullOrWhiteSpace(operation.Value.GetProperty("summary").GetString()), $"{operation.Name} {path.Name} has no summary");

        // Every successful response (200, or 201 where something is created) has an example.
        foreach (var path in paths.EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject())
            {
                var statuses = operation.Value.GetProperty("responses");
                // 200, or 201 for endpoints that create something, or 202 for endpoints that queue work.
                Assert.True(statuses.TryGetProperty("200", out var ok) || statuses.TryGetProperty("201", out ok) || statuses.TryGetProperty("202", out ok),
                    $"{operation.Name} {path.Name} documents no success response");
                Assert.True(ok.GetProperty("content").EnumerateObject().Any(c => c.Value.TryGetProperty("example", out _)), $"{operation.Name} {path.Name} has no example");
            }

        var create = paths.GetProperty("/v1/completions").GetProperty("post");
        var body = create.GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
        Assert.Equal("sft", body.GetProperty("example").GetProperty("model").GetString());
        Assert.True(body.GetProperty("schema").TryGetProperty("$ref", out _));
        var responses = create.GetProperty("responses");
        Assert.True(responses.GetProperty("200").GetProperty("content").TryGetProperty("text/event-stream", out _));
        Assert.Equal("text_completion", responses.GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("example").GetProperty("object").GetString());
        foreach (var status in new[] { "400", "404", "429" }) Assert.True(responses.TryGetProperty(status, out _), $"completions does not document {status}");

        var schemas = document.GetProperty("components").GetProperty("schemas");
        var request = schemas.GetProperty("CompletionRequest").GetProperty("properties");
        Assert.Equal(4, schemas.GetProperty("PromptInput").GetProperty("oneOf").GetArrayLength());
        Assert.Contains("[0, 2]", request.GetProperty("temperature").GetProperty("description").GetString());
        Assert.True(paths.GetProperty("/v1/models/{model}/load").GetProperty("post").TryGetProperty("security", out _));
    }

    [Fact]
    public async Task SwaggerUiListsTheEndpointsInHeadlessChromium()
    {
        var chromium = ExternalProcess.Find("chromium", "chromium-browser", "google-chrome")
            ?? throw new Xunit.Sdk.XunitException("chromium is not installed: run scripts/setup.sh (apt-get install chromium)");
        var profile = Directory.CreateTempSubdirectory("instructgpt-chromium-").FullName;
        try
        {
            var (exit, dom, stderr) = await ExternalProcess.RunAsync(chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--disable-dev-shm-usage", $"--user-data-dir={profile}",
                // Let the page's scripts fetch /openapi/v1.json and render before the DOM is dumped.
                "--virtual-time-budget=20000", "--dump-dom", new Uri(api.BaseAddress, "/swagger/index.html").ToString(),
            ], null, TimeSpan.FromSeconds(90));
            Assert.True(exit == 0, $"chromium exited with {exit}: {stderr}");
            Assert.Contains("InstructGpt API", dom);
            foreach (var path in Paths)
                Assert.True(dom.Contains($"data-path=\"{path}\"", StringComparison.Ordinal), $"Swagger UI does not list {path}");
            Assert.Contains("Complete prompts", dom);
            // The description is Markdown: a bare <key> would be swallowed as an HTML tag.
            Assert.Contains("Authorization: Bearer &lt;key&gt;", dom);
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
