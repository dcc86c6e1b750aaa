using System.Net;
using System.Text.Json;
using InstructGpt.Api.Tests.Fixtures;
using InstructGpt.Training.Data;

namespace InstructGpt.Api.Tests.Feedback;

/// <summary>POST/GET /v1/feedback/comparisons and the JSONL export the reward-model stage reads.</summary>
public sealed class ComparisonsApiTests(ApiFactory api) : IClassFixture<ApiFactory>, IDisposable
{
    private const string Comparisons = "/v1/feedback/comparisons";
    private readonly string scratch = Directory.CreateTempSubdirectory("instructgpt-export-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Fact]
    public async Task ARankingWithTiesIsStoredAndReadBack()
    {
        var client = api.CreateAuthorizedClient();
        var response = await client.PostAsync(Comparisons, Json.Body(new
        {
            prompt = "Name a fruit.\n", outputs = new[] { "Stone.", "Apple.", "Pear." }, ranking = new[] { 1, 2, 0 }, ranks = new[] { 1, 1, 3 }, labeler = "bob",
        }));
        var json = await Json.ReadAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = json.GetProperty("id").GetInt64();
        Assert.Equal($"{Comparisons}/{id}", response.Headers.Location!.ToString());
        Assert.Equal("feedback.comparison", json.GetProperty("object").GetString());
        Assert.Equal(["Stone.", "Apple.", "Pear."], json.GetProperty("outputs").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal([1, 2, 0], json.GetProperty("ranking").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([1, 1, 3], json.GetProperty("ranks").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("bob", json.GetProperty("labeler").GetString());

        Assert.Equal(json.ToString(), (await Json.ReadAsync(await client.GetAsync($"{Comparisons}/{id}"))).ToString());
        var list = await Json.ReadAsync(await client.GetAsync(Comparisons));
        Assert.Contains(list.GetProperty("data").EnumerateArray(), c => c.GetProperty("id").GetInt64() == id);
    }

    [Fact]
    public async Task TheExportIsAComparisonsFileTheTrainingReaderAccepts()
    {
        var client = api.CreateAuthorizedClient();
        var ranked = await Json.PostAsync(client, Comparisons,
            new { prompt = "Write a haiku about rain.\n", outputs = new[] { "rain", "Soft rain taps the roof", "no" }, ranking = new[] { 1, 0, 2 } }, 201);
        var tied = await Json.PostAsync(client, Comparisons,
            new { prompt = "Name a fruit.\n", outputs = new[] { "Stone.", "Apple.", "Pear.", "Plum." }, ranking = new[] { 1, 3, 2, 0 }, ranks = new[] { 1, 2, 2, 4 } }, 201);
        var stated = await Json.PostAsync(client, Comparisons,
            new { prompt = "Say hi.\n", outputs = new[] { "hi", "bye" }, ranking = new[] { 0, 1 }, ranks = new[] { 1, 2 } }, 201);

        var response = await client.GetAsync($"{Comparisons}/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        var path = Path.Combine(scratch, "export.jsonl");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());

        var records = ComparisonDataset.Read(path).ToDictionary(c => c.Metadata.Id!);
        // Worked out by hand: completions are the outputs in ranking order; ranks only where some are tied.
        var first = records[$"feedback-comparison-{ranked.GetProperty("id").GetInt64()}"];
        Assert.Equal("Write a haiku about rain.\n", first.Prompt);
        Assert.Equal(["Soft rain taps the roof", "rain", "no"], first.Completions);
        Assert.Null(first.Ranks);
        var second = records[$"feedback-comparison-{tied.GetProperty("id").GetInt64()}"];
        Assert.Equal(["Apple.", "Plum.", "Pear.", "Stone."], second.Completions);
        Assert.Equal([1, 2, 2, 4], second.Ranks!);
        var third = records[$"feedback-comparison-{stated.GetProperty("id").GetInt64()}"];
        Assert.Equal(["hi", "bye"], third.Completions);
        Assert.Null(third.Ranks); // ranks without a tie say nothing the order does not

        // Each line is exactly the format's ranked-list form (docs/datasets.md), checked field by field.
        var line = File.ReadLines(path).Select(l => JsonDocument.Parse(l).RootElement).Single(e => e.GetProperty("id").GetString() == second.Metadata.Id);
        Assert.Equal(["id", "prompt", "completions", "ranks"], line.EnumerateObject().Select(p => p.Name));
    }
}
