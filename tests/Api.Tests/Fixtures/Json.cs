using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace InstructGpt.Api.Tests.Fixtures;

public static class Json
{
    public static StringContent Body(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    public static StringContent Raw(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new Xunit.Sdk.XunitException($"{(int)response.StatusCode}: not JSON: {text}");
        }
    }

    public static async Task<JsonElement> PostAsync(HttpClient client, string path, object body, int expectedStatus = 200)
    {
        var response = await client.PostAsync(path, Body(body));
        var json = await ReadAsync(response);
        Assert.True((int)response.StatusCode == expectedStatus, $"{path}: expected {expectedStatus}, got {(int)response.StatusCode}: {json}");
        return json;
    }
}
