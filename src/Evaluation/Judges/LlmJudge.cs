using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using InstructGpt.Evaluation.Metrics;

namespace InstructGpt.Evaluation.Judges;

/// <summary>
/// An OpenAI-compatible model as a pairwise judge (AlpacaEval's set-up): it sees the instruction and the two
/// outputs, one as (a) and one as (b), and names the better one. Which output is (a) is decided by a hash of the
/// comparison, so half of the model's outputs come first and a judge's position bias cancels out over a run.
/// A reply it cannot read, or a request the server refuses as too long, is an unparseable verdict; a server that
/// cannot be reached, refuses the key or fails fails the run with its message.
/// </summary>
public sealed class LlmJudge(HttpClient http, LlmJudgeOptions options) : IPairwiseJudge
{
    /// <summary>How much of a reply is kept in the judgment's reason.</summary>
    private const int ReasonCharacters = 200;

    public string Name => JudgeNames.Llm;

    public async Task<PairwiseVerdict> CompareAsync(JudgedPair pair, CancellationToken cancellationToken)
    {
        var modelFirst = ModelShownFirst(pair.Key);
        var (a, b) = modelFirst ? (pair.Output.Output, pair.Baseline.Output) : (pair.Baseline.Output, pair.Output.Output);
        var reply = await AskAsync(LlmJudgePrompt.User(pair.Task.Prompt, a, b, options.MaxOutputCharacters), cancellationToken);
        if (reply.Refusal is { } refusal)
            return new PairwiseVerdict(null, refusal);
        var preference = LlmVerdictParser.Parse(reply.Text);
        var shown = modelFirst ? "model as (a)" : "model as (b)";
        var quoted = Quote(reply.Text ?? "");
        if (preference is null)
            return new PairwiseVerdict(null, $"unparseable reply ({shown}): {quoted}");
        var result = preference switch
        {
            LlmPreference.Tie => PairwiseResult.Tie,
            LlmPreference.A => modelFirst ? PairwiseResult.Win : PairwiseResult.Loss,
            _ => modelFirst ? PairwiseResult.Loss : PairwiseResult.Win,
        };
        return new PairwiseVerdict(result, $"{options.Model} preferred {preference} ({shown}): {quoted}");
    }

    /// <summary>Even FNV-1a hash of the comparison's key: the model's output is (a). Fixed by the key, so a resumed run shows the same order.</summary>
    internal static bool ModelShownFirst(string key)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(key))
        {
            hash ^= b;
            hash *= 0x100000001B3UL;
        }
        return (hash & 1) == 0;
    }

    private sealed record Reply(string? Text, string? Refusal);

    private async Task<Reply> AskAsync(string user, CancellationToken cancellationToken)
    {
        JsonObject body = options.Endpoint == LlmJudgeEndpoint.Chat
            ? new JsonObject
            {
                ["model"] = options.Model,
                ["messages"] = new JsonArray(
                    new JsonObject { ["role"] = "system", ["content"] = LlmJudgePrompt.System },
                    new JsonObject { ["role"] = "user", ["content"] = user }),
            }
            : new JsonObject { ["model"] = options.Model, ["prompt"] = LlmJudgePrompt.AsCompletionPrompt(user) };
        body["max_tokens"] = options.MaxTokens;
        body["temperature"] = options.Temperature;

        using var request = new HttpRequestMessage(HttpMethod.Post, options.EndpointUri) { Content = JsonContent.Create(body) };
        if (!string.IsNullOrEmpty(options.ApiKey))
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        using var response = await http.SendAsync(request, timeout.Token);
        var text = await response.Content.ReadAsStringAsync(timeout.Token);
        // 400 and 413 refuse this comparison (e.g. longer than the judge's context), not the judge as a whole.
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge)
            return new Reply(null, $"the judge refused the request (HTTP {(int)response.StatusCode}): {Quote(ErrorMessage(text))}");
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"llm judge: POST {options.EndpointUri} answered HTTP {(int)response.StatusCode}: {ErrorMessage(text)}", null, response.StatusCode);
        return new Reply(ReplyText(text), null);
    }

    /// <summary>choices[0].message.content (chat) or choices[0].text (completions).</summary>
    private string? ReplyText(string json)
    {
        try
        {
            var choice = JsonNode.Parse(json)?["choices"]?[0];
            return options.Endpoint == LlmJudgeEndpoint.Chat
                ? choice?["message"]?["content"]?.GetValue<string>()
                : choice?["text"]?.GetValue<string>();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new HttpRequestException($"llm judge: POST {options.EndpointUri} answered something that is not an OpenAI {options.Endpoint} response: {Quote(json)}", e);
        }
    }

    private static string ErrorMessage(string json)
    {
        try
        {
            return JsonNode.Parse(json)?["error"]?["message"]?.GetValue<string>() ?? json;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return json;
        }
    }

    private static string Quote(string text)
    {
        var flat = text.ReplaceLineEndings(" ").Trim();
        return "\"" + (flat.Length <= ReasonCharacters ? flat : flat[..ReasonCharacters] + "…") + "\"";
    }
}
