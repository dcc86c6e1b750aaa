using System.Net;
using InstructGpt.Api.Tests.Fixtures;

namespace InstructGpt.Api.Tests.Labeling;

/// <summary>Labeler tokens: issued and revoked with the API key, good for the labeler endpoints and refused everywhere else.</summary>
public sealed class LabelerTokenTests : IDisposable
{
    private readonly ApiFactory api = new();

    public void Dispose() => api.Dispose();

    [Fact]
    public async Task TokenIsIssuedOnceAndStoredOnlyAsItsHash()
    {
        var admin = api.CreateAuthorizedClient();
        var created = await Json.PostAsync(admin, "/v1/labeling/labelers", new { name = "alice" }, 201);
        var token = created.GetProperty("token").GetString()!;
        Assert.Matches("^igpt-lbl-[0-9a-f]{48}$", token);
        Assert.Matches("^lbl_[0-9a-f]{16}$", created.GetProperty("id").GetString()!);
        Assert.Equal("labeler", created.GetProperty("object").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, created.GetProperty("revoked_at").ValueKind);

        var list = await Jobs.JobHomes.GetAsync(admin, "/v1/labeling/labelers");
        var listed = Assert.Single(list.GetProperty("data").EnumerateArray());
        Assert.False(listed.TryGetProperty("token", out _));
        Assert.Equal("alice", listed.GetProperty("name").GetString());

        var stored = await Sqlite.ScalarAsync<string>(api.Home, "SELECT token_sha256 FROM labeling_labelers");
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token))), stored);
        Assert.Equal(0L, await Sqlite.ScalarAsync<long>(api.Home, $"SELECT COUNT(*) FROM labeling_labelers WHERE token_sha256 = '{token}' OR id = '{token}'"));
    }

    [Fact]
    public async Task NamesAreCheckedAndUnique()
    {
        var admin = api.CreateAuthorizedClient();
        await Labelers.CreateAsync(admin, "bob.smith-2");
        foreach (var bad in new object[] { new { name = "" }, new { name = "has space" }, new { name = new string('a', 65) }, new { } })
        {
            var (status, _, param, _) = await Labelers.ErrorAsync(await admin.PostAsync("/v1/labeling/labelers", Json.Body(bad)));
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("name", param);
        }
        var taken = await Labelers.ErrorAsync(await admin.PostAsync("/v1/labeling/labelers", Json.Body(new { name = "bob.smith-2" })));
        Assert.Equal((HttpStatusCode.Conflict, "labeler_name_taken"), (taken.Status, taken.Code));
    }

    [Fact]
    public async Task LabelerTokenCallsLabelerEndpointsOnly()
    {
        var admin = api.CreateAuthorizedClient();
        var labeler = await Labelers.NewClientAsync(api, admin, "alice");

        var me = await Jobs.JobHomes.GetAsync(labeler, "/v1/labeling/me");
        Assert.Equal(("labeler", "alice", 0, 0), (me.GetProperty("object").GetString(), me.GetProperty("name").GetString(),
            me.GetProperty("submitted").GetInt32(), me.GetProperty("skipped").GetInt32()));
        var none = await Labelers.NextAsync(labeler);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, none.GetProperty("task").ValueKind);
        Assert.Equal((1, 0), (none.GetProperty("page").GetInt32(), none.GetProperty("total").GetInt32()));

        // Open endpoints, API-key endpoints, labeling's own admin endpoints, unknown paths: all 403 for a labeler token.
        var refused = new[]
        {
            await labeler.GetAsync("/v1/models"),
            await labeler.PostAsync("/v1/completions", Json.Body(new { model = "sft", prompt = "Hi", max_tokens = 1 })),
            await labeler.GetAsync("/v1/feedback/ratings"),
            await labeler.PostAsync("/v1/feedback/ratings", Json.Body(new { prompt = "p", output = "o", likert = 7 })),
            await labeler.GetAsync("/v1/labeling/labelers"),
            await labeler.PostAsync(Labelers.Batches, Json.Body(new { })),
            await labeler.GetAsync(Labelers.Batches),
        };
        foreach (var response in refused)
        {
            var (status, code, _, _) = await Labelers.ErrorAsync(response);
            Assert.True((status, code) == (HttpStatusCode.Forbidden, "labeler_token_not_allowed"), $"{response.RequestMessage!.RequestUri}: {(int)status} {code}");
        }
        // Outside /v1 the same refusal comes as problem details, as every error there does.
        Assert.Equal(HttpStatusCode.Forbidden, (await labeler.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task ApiKeyIsNotALabelerButMayAskWhoItIs()
    {
        var admin = api.CreateAuthorizedClient();
        var me = await Jobs.JobHomes.GetAsync(admin, "/v1/labeling/me");
        Assert.Equal("admin", me.GetProperty("object").GetString());
        Assert.False(me.TryGetProperty("name", out _));
        foreach (var response in new[]
        {
            await admin.GetAsync("/v1/labeling/tasks/next"),
            await admin.PostAsync("/v1/labeling/tasks/1/skip", Json.Body(new { })),
            await admin.PostAsync("/v1/labeling/tasks/1/submission", Json.Body(new { })),
        })
            Assert.Equal((HttpStatusCode.Forbidden, "labeler_token_required"), ((await Labelers.ErrorAsync(response)).Status, (await Labelers.ErrorAsync(response)).Code));
    }

    [Fact]
    public async Task WrongAndRevokedTokensAre401()
    {
        var admin = api.CreateAuthorizedClient();
        var (id, token) = await Labelers.CreateAsync(admin, "carol");
        var wrong = Labelers.Client(api, "igpt-lbl-" + new string('0', 48));
        var (status, code, _, _) = await Labelers.ErrorAsync(await wrong.GetAsync("/v1/labeling/tasks/next"));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_api_key"), (status, code));
        var none = api.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await none.GetAsync("/v1/labeling/me")).StatusCode);

        var labeler = Labelers.Client(api, token);
        Assert.Equal(HttpStatusCode.OK, (await labeler.GetAsync("/v1/labeling/me")).StatusCode);
        var revoked = await Json.ReadAsync(await admin.DeleteAsync($"/v1/labeling/labelers/{id}"));
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, revoked.GetProperty("revoked_at").ValueKind);
        var again = await Json.ReadAsync(await admin.DeleteAsync($"/v1/labeling/labelers/{id}"));
        Assert.Equal(revoked.GetProperty("revoked_at").GetInt64(), again.GetProperty("revoked_at").GetInt64());

        var afterRevoke = await Labelers.ErrorAsync(await labeler.GetAsync("/v1/labeling/tasks/next"));
        Assert.Equal((HttpStatusCode.Unauthorized, "labeler_token_revoked"), (afterRevoke.Status, afterRevoke.Code));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/v1/labeling/labelers/lbl_0000000000000000")).StatusCode);

        // A new host over the same data directory loads the map again: the revocation holds.
        using var restarted = Jobs.JobHomes.Host(api.Home, new() { ["Auth:ApiKey"] = ApiFactory.ApiKey });
        var (statusAfterRestart, codeAfterRestart, _, _) = await Labelers.ErrorAsync(await Labelers.Client(restarted, token).GetAsync("/v1/labeling/me"));
        Assert.Equal((HttpStatusCode.Unauthorized, "labeler_token_revoked"), (statusAfterRestart, codeAfterRestart));
    }
}
