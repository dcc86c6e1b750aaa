using System.Text.Json;
using InstructGpt.Api.Tests.Fixtures;

namespace InstructGpt.Api.Tests.Feedback;

/// <summary>The OpenAPI document describes the feedback and dataset endpoints: summaries, examples, the upload's two body forms, the key.</summary>
public sealed class FeedbackAndDatasetsOpenApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task FeedbackAndDatasetEndpointsAreDocumentedWithExamplesAndSecurity()
    {
        var paths = (await Json.ReadAsync(await api.CreateClient().GetAsync("/openapi/v1.json"))).GetProperty("paths");
        (string Path, string Method, string Status, bool Secured)[] operations =
        [
            ("/v1/feedback/ratings", "post", "201", true), ("/v1/feedback/ratings", "get", "200", false), ("/v1/feedback/ratings/{id}", "get", "200", false),
            ("/v1/feedback/comparisons", "post", "201", true), ("/v1/feedback/comparisons", "get", "200", false),
            ("/v1/feedback/comparisons/{id}", "get", "200", false), ("/v1/feedback/comparisons/export", "get", "200", false),
            ("/v1/datasets", "post", "201", true), ("/v1/datasets", "get", "200", false), ("/v1/datasets/{name}", "get", "200", false),
            ("/v1/datasets/{name}/content", "get", "200", false), ("/v1/datasets/{name}", "delete", "200", true),
        ];
        foreach (var (path, method, status, secured) in operations)
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), $"{method} {path}: no summary");
            var success = operation.GetProperty("responses").GetProperty(status).GetProperty("content");
            Assert.True(success.EnumerateObject().Any(c => c.Value.TryGetProperty("example", out _)), $"{method} {path}: no example for {status}");
            Assert.Equal(secured, operation.TryGetProperty("security", out _));
        }

        var rating = paths.GetProperty("/v1/feedback/ratings").GetProperty("post");
        Assert.Equal(6, rating.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example").GetProperty("likert").GetInt32());
        Assert.Equal("feedback.rating", rating.GetProperty("responses").GetProperty("201").GetProperty("content").GetProperty("application/json").GetProperty("example").GetProperty("object").GetString());
        Assert.True(paths.GetProperty("/v1/feedback/comparisons/export").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("application/x-ndjson", out _));

        var upload = paths.GetProperty("/v1/datasets").GetProperty("post");
        var forms = upload.GetProperty("requestBody").GetProperty("content");
        Assert.Equal("binary", forms.GetProperty("multipart/form-data").GetProperty("schema").GetProperty("properties").GetProperty("file").GetProperty("format").GetString());
        Assert.Contains("\"completions\"", forms.GetProperty("application/x-ndjson").GetProperty("example").GetString());
        var parameters = upload.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(["name", "kind", "overwrite"], parameters);
        Assert.Contains("toxicity_probes", upload.GetProperty("parameters")[1].GetProperty("description").GetString());
        foreach (var status in new[] { "400", "401", "409", "413", "415" })
            Assert.True(upload.GetProperty("responses").TryGetProperty(status, out _), $"the upload does not document {status}");
    }
}
