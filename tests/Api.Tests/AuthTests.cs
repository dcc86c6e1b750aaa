using System.Net;
using System.Net.Http.Headers;
using InstructGpt.Api.Tests.Fixtures;

namespace InstructGpt.Api.Tests;

[Collection(SharedApiCollection.Name)]
public sealed class AuthTests(ApiFactory api)
{
    private const string Mutating = "/v1/models/sft/load";

    private async Task<(HttpResponseMessage response, string message)> Post(string path, AuthenticationHeaderValue? authorization)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = authorization;
        var response = await client.PostAsync(path, null);
        var message = response.IsSuccessStatusCode ? "" : (await Json.ReadAsync(response)).GetProperty("error").GetProperty("message").GetString()!;
        return (response, message);
    }

    [Fact]
    public async Task MutatingEndpointWithoutAKeyIs401()
    {
        var (response, message) = await Post(Mutating, null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("didn't provide an API key", message);
    }

    [Fact]
    public async Task MutatingEndpointWithAWrongKeyIs401()
    {
        var (wrong, message) = await Post(Mutating, new AuthenticationHeaderValue("Bearer", "not-the-key"));
        var (prefix, _) = await Post(Mutating, new AuthenticationHeaderValue("Bearer", ApiFactory.ApiKey[..^1]));
        var (basic, basicMessage) = await Post(Mutating, new AuthenticationHeaderValue("Basic", ApiFactory.ApiKey));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("Incorrect API key", message);
        Assert.Equal(HttpStatusCode.Unauthorized, prefix.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, basic.StatusCode);
        Assert.Contains("Bearer", basicMessage);
    }

    [Fact]
    public async Task MutatingEndpointWithTheKeySucceedsAndCompletionsAreOpenByDefault()
    {
        var (response, _) = await Post(Mutating, new AuthenticationHeaderValue("Bearer", ApiFactory.ApiKey));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Json.PostAsync(api.CreateClient(), "/v1/completions", new { model = "sft", prompt = "open", max_tokens = 2 });
    }

    [Fact]
    public async Task CompletionsRequireTheKeyWhenConfigured()
    {
        using var locked = new ApiFactory(new() { ["Auth:RequireKeyForCompletions"] = "true" });
        var anonymous = locked.CreateClient();
        var body = new { model = "sft", prompt = "locked", max_tokens = 2 };
        var chat = new { model = "sft", messages = new[] { new { role = "user", content = "hi" } }, max_tokens = 2 };

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/v1/completions", Json.Body(body))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/v1/chat/completions", Json.Body(chat))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/v1/models")).StatusCode); // reading stays open
        await Json.PostAsync(locked.CreateAuthorizedClient(), "/v1/completions", body);
        await Json.PostAsync(locked.CreateAuthorizedClient(), "/v1/chat/completions", chat);
    }

    [Fact]
    public async Task WithoutAConfiguredKeyOneIsGeneratedOwnerOnlyAndKept()
    {
        using var first = new ApiFactory(new() { ["Auth:ApiKey"] = "" });
        first.CreateClient(); // starts the app
        var keyFile = Path.Combine(first.Home, "api-key");
        Assert.True(File.Exists(keyFile));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        var key = File.ReadAllText(keyFile).Trim();
        Assert.True(key.Length >= 32);

        var client = first.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(Mutating, null)).StatusCode);
        client.DefaultRequestHeaders.Authorization = new("Bearer", ApiFactory.ApiKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync(Mutating, null)).StatusCode);

        // A second start over the same data directory keeps the key.
        using var second = new ApiFactory(new() { ["Auth:ApiKey"] = "", ["Data:Home"] = first.Home });
        var again = second.CreateClient();
        again.DefaultRequestHeaders.Authorization = new("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await again.PostAsync("/v1/models/base/load", null)).StatusCode);
    }
}
