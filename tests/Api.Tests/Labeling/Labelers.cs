using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using InstructGpt.Api.Tests.Fixtures;
using InstructGpt.Api.Tests.Jobs;

namespace InstructGpt.Api.Tests.Labeling;

/// <summary>Labelers, their clients and batches, over REST, for the labeling tests.</summary>
internal static class Labelers
{
    public const string Batches = "/v1/labeling/batches";

    /// <summary>A new labeler's id and token, issued with the API key.</summary>
    public static async Task<(string Id, string Token)> CreateAsync(HttpClient admin, string name)
    {
        var labeler = await Json.PostAsync(admin, "/v1/labeling/labelers", new { name }, 201);
        return (labeler.GetProperty("id").GetString()!, labeler.GetProperty("token").GetString()!);
    }

    /// <summary>A client of <paramref name="api"/> that sends <paramref name="token"/>.</summary>
    public static HttpClient Client(ApiFactory api, string token)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<HttpClient> NewClientAsync(ApiFactory api, HttpClient admin, string name) =>
        Client(api, (await CreateAsync(admin, name)).Token);

    /// <summary>The error of a refused request: status, code and param.</summary>
    public static async Task<(HttpStatusCode Status, string? Code, string? Param, string Message)> ErrorAsync(HttpResponseMessage response)
    {
        var json = await Json.ReadAsync(response);
        Assert.True(json.TryGetProperty("error", out var error), $"{(int)response.StatusCode}: {json}");
        return (response.StatusCode, error.GetProperty("code").GetString(), error.GetProperty("param").GetString(), error.GetProperty("message").GetString()!);
    }

    /// <summary>Creates a batch and waits until its tasks are ready.</summary>
    public static async Task<JsonElement> ReadyBatchAsync(HttpClient admin, object body)
    {
        var (_, location) = await JobHomes.SubmitAsync(admin, Batches, body);
        var batch = await JobHomes.WaitAsync(admin, location, b => JobHomes.Status(b) is "ready" or "failed" or "cancelled" or "completed", 300);
        Assert.True(JobHomes.Status(batch) == "ready", batch.ToString());
        return batch;
    }

    /// <summary>tasks/next for a labeler.</summary>
    public static Task<JsonElement> NextAsync(HttpClient labeler) => JobHomes.GetAsync(labeler, "/v1/labeling/tasks/next");

    /// <summary>A complete submission for a task: Likert 7, 6, … in label order, ranked in that order, the last two tied when K > 2.</summary>
    public static object Complete(JsonElement task, string comment = "ok", double seconds = 12.5)
    {
        var labels = task.GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("label").GetString()!).ToArray();
        var ranking = labels.Length > 2
            ? labels.Take(labels.Length - 2).Select(l => new[] { l }).Append(labels[^2..]).ToArray()
            : labels.Select(l => new[] { l }).ToArray();
        return new
        {
            ratings = labels.Select((l, i) => new { output = l, likert = 7 - i, flags = new { hallucination = i == 1, fails_to_follow_instruction = false } }),
            ranking,
            comment,
            seconds,
        };
    }
}
