using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using InstructGpt.Api.Tests.Fixtures;

namespace InstructGpt.Api.Tests;

/// <summary>
/// A string that is not Unicode text (an unpaired UTF-16 surrogate escape, bytes that are not UTF-8, or CESU-8's
/// encoded surrogates) gets a 400 that says so and names the field, on every endpoint, instead of a type error.
/// </summary>
[Collection(SharedApiCollection.Name)]
public sealed class TextEncodingErrorTests(ApiFactory api)
{
    public sealed record Case(string Name, string Path, byte[] Body, string Param, string Problem, bool Authorized = false)
    {
        public override string ToString() => Name;
    }

    private static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    /// <summary>The JSON text before and after the raw bytes, encoded as UTF-8 around them.</summary>
    private static byte[] WithRawBytes(string before, byte[] raw, string after) => [.. Utf8(before), .. raw, .. Utf8(after)];

    private static readonly byte[] NotUtf8 = [0xFF, 0xFE];
    private static readonly byte[] Cesu8Surrogate = [0xED, 0xA0, 0x80]; // U+D800 encoded as if it were a character

    public static TheoryData<Case> Cases() => new(
        new Case("prompt with an unpaired surrogate escape", "/v1/completions", Utf8("{\"model\": \"sft\", \"prompt\": \"Hi \\ud800\"}"), "prompt", "surrogate"),
        new Case("prompt with bytes that are not UTF-8", "/v1/completions", WithRawBytes("{\"model\": \"sft\", \"prompt\": \"Hi ", NotUtf8, "\"}"), "prompt", "UTF-8"),
        new Case("prompt with CESU-8 surrogate bytes", "/v1/completions", WithRawBytes("{\"model\": \"sft\", \"prompt\": \"Hi ", Cesu8Surrogate, "\"}"), "prompt", "UTF-8"),
        new Case("prompt array with an unpaired surrogate", "/v1/completions", Utf8("{\"model\": \"sft\", \"prompt\": [\"ok\", \"\\udc00\"]}"), "prompt", "surrogate"),
        new Case("chat content with an unpaired surrogate", "/v1/chat/completions", Utf8("{\"model\": \"sft\", \"messages\": [{\"role\": \"user\", \"content\": \"\\ud800\"}]}"), "messages[0].content", "surrogate"),
        new Case("chat content with bytes that are not UTF-8", "/v1/chat/completions", WithRawBytes("{\"model\": \"sft\", \"messages\": [{\"role\": \"user\", \"content\": \"", NotUtf8, "\"}]}"), "messages[0].content", "UTF-8"),
        new Case("stop with an unpaired surrogate", "/v1/completions", Utf8("{\"model\": \"sft\", \"prompt\": \"Hi\", \"stop\": \"\\ud800\"}"), "stop", "surrogate"),
        new Case("rating output with an unpaired surrogate", "/v1/feedback/ratings", Utf8("{\"prompt\": \"Hi\", \"output\": \"\\ud800\", \"likert\": 3}"), "output", "surrogate", Authorized: true));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task TextThatIsNotUnicodeIsA400ThatSaysSo(Case c)
    {
        var client = c.Authorized ? api.CreateAuthorizedClient() : api.CreateClient();
        var content = new ByteArrayContent(c.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var response = await client.PostAsync(c.Path, content);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{c.Name}: expected 400, got {(int)response.StatusCode}: {text}");
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error");
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains(c.Problem, message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"'{c.Param}'", message, StringComparison.Ordinal);
        Assert.Equal(c.Param, error.GetProperty("param").GetString());
        Assert.DoesNotContain("expected an object", message, StringComparison.Ordinal);
    }
}
