using System.Text;
using System.Text.Json;

namespace InstructGpt.Api.Tests.Feedback;

/// <summary>Sends one of <see cref="MalformedRequestTests.Case"/>'s requests and checks the OpenAI-shaped 4xx it gets.</summary>
public static class RejectedRequest
{
    public static async Task<JsonElement> AssertAsync(Fixtures.ApiFactory api, MalformedRequestTests.Case c)
    {
        var client = c.Authorized ? api.CreateAuthorizedClient() : api.CreateClient();
        var request = new HttpRequestMessage(new HttpMethod(c.Method), c.Path);
        if (c.Body is not null)
        {
            request.Content = new StringContent(c.Body, Encoding.UTF8);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(c.ContentType); // keeps parameters such as boundary
        }
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(c.Status == (int)response.StatusCode, $"{c.Name}: expected {c.Status}, got {(int)response.StatusCode}: {text}");
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error").Clone();
        Assert.Contains(c.MessagePart, error.GetProperty("message").GetString()!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        if (c.Param is not null) Assert.Equal(c.Param, error.GetProperty("param").GetString());
        return error;
    }
}
