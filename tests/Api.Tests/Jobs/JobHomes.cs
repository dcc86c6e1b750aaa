using System.Net;
using System.Text.Json;
using InstructGpt.Api.Tests.Fixtures;
using InstructGpt.Tests.Shared;

namespace InstructGpt.Api.Tests.Jobs;

/// <summary>Data directories for job tests (copies of the shared micro pipeline home) and the app over them.</summary>
internal static class JobHomes
{
    /// <summary>A copy of the micro home without the named checkpoints (and their run state), so a job can train them again.</summary>
    public static string MicroCopy(params string[] without)
    {
        var home = Directory.CreateTempSubdirectory("instructgpt-jobs-").FullName;
        MicroPipelineHome.CopyTo(home);
        foreach (var name in without)
        {
            Directory.Delete(Path.Combine(home, "checkpoints", name), recursive: true);
            var run = Path.Combine(home, "runs", name == "base" ? "pretrain" : name);
            if (Directory.Exists(run)) Directory.Delete(run, recursive: true);
        }
        return home;
    }

    public static string Empty() => Directory.CreateTempSubdirectory("instructgpt-jobs-empty-").FullName;

    /// <summary>The real app serving <paramref name="home"/>; progress is written at every report.</summary>
    public static ApiFactory Host(string home, Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Data:Home"] = home,
            ["Jobs:ProgressIntervalSeconds"] = "0",
            ["Jobs:Device"] = "cpu",
        };
        foreach (var (k, v) in settings ?? []) all[k] = v;
        return new ApiFactory(all);
    }

    public static void Delete(string home)
    {
        try
        {
            Directory.Delete(home, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var json = await Json.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {json}");
        return json;
    }

    /// <summary>Polls the job until <paramref name="done"/> holds for it; fails with the last state after <paramref name="seconds"/>.</summary>
    public static async Task<JsonElement> WaitAsync(HttpClient client, string location, Func<JsonElement, bool> done, int seconds = 120)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        JsonElement job;
        do
        {
            job = await GetAsync(client, location);
            if (done(job)) return job;
            await Task.Delay(25);
        } while (DateTime.UtcNow < deadline);
        throw new Xunit.Sdk.XunitException($"{location} did not reach the expected state in {seconds} s: {job}");
    }

    public static string Status(JsonElement job) => job.GetProperty("status").GetString()!;

    public static bool Ended(JsonElement job) => Status(job) is "succeeded" or "failed" or "cancelled" or "interrupted";

    public static long Step(JsonElement job) =>
        job.GetProperty("progress").GetProperty("stage") is { ValueKind: JsonValueKind.Object } stage ? stage.GetProperty("step").GetInt64() : 0;

    /// <summary>POSTs and checks 202 with a Location naming the job; returns the job and its Location.</summary>
    public static async Task<(JsonElement job, string location)> SubmitAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsync(path, Json.Body(body));
        var job = await Json.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{path}: {(int)response.StatusCode} {job}");
        var location = response.Headers.Location!.ToString();
        Assert.Equal($"{path}/{job.GetProperty("id").GetString()}", location);
        Assert.Equal("queued", Status(job));
        return (job, location);
    }
}
