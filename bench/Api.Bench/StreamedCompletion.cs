using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace InstructGpt.Api.Bench;

/// <summary>What one streamed completion measured. Times are milliseconds from just before the request was sent.</summary>
/// <param name="Tokens">Completion tokens, from the usage chunk (stream_options.include_usage).</param>
/// <param name="TimeToFirstToken">Until the first chunk with text.</param>
/// <param name="InterTokenGaps">Between consecutive chunks with text.</param>
/// <param name="Error">Why the request failed, or null.</param>
public sealed record StreamedCompletion(int Tokens, double TimeToFirstToken, IReadOnlyList<double> InterTokenGaps, double Total, string? Error)
{
    /// <summary>
    /// POST /v1/completions with "stream": true, reading the Server-Sent Events as they arrive. A request succeeds
    /// when it answers 200, sends [DONE], and reports exactly <paramref name="maxTokens"/> completion tokens.
    /// <paramref name="temperature"/> 1 samples as the load levels do; 0 decodes greedily, like the bare loop.
    /// </summary>
    public static async Task<StreamedCompletion> RunAsync(HttpClient http, string model, string prompt, int maxTokens, long seed, CancellationToken cancellationToken, double temperature = 1.0)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["model"] = model, ["prompt"] = prompt, ["max_tokens"] = maxTokens, ["temperature"] = temperature, ["seed"] = seed,
            // Every request generates exactly max_tokens: a random model would otherwise end at its own pace.
            ["ignore_eos"] = true, ["stream"] = true, ["stream_options"] = new Dictionary<string, bool> { ["include_usage"] = true },
        });
        var clock = Stopwatch.StartNew();
        double first = double.NaN, previous = double.NaN;
        var gaps = new List<double>();
        int? tokens = null;
        var done = false;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
                return Failed(clock, $"HTTP {(int)response.StatusCode}: {Truncate(await response.Content.ReadAsStringAsync(cancellationToken))}");
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
                var data = line["data: ".Length..];
                if (data == "[DONE]")
                {
                    done = true;
                    break;
                }
                using var chunk = JsonDocument.Parse(data);
                var root = chunk.RootElement;
                if (root.TryGetProperty("error", out var error)) return Failed(clock, $"stream error: {Truncate(error.ToString())}");
                if (root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
                    tokens = usage.GetProperty("completion_tokens").GetInt32();
                var hasText = root.GetProperty("choices").EnumerateArray().Any(c => c.GetProperty("text").GetString() is { Length: > 0 });
                if (!hasText) continue;
                var now = clock.Elapsed.TotalMilliseconds;
                if (double.IsNaN(first)) first = now;
                else gaps.Add(now - previous);
                previous = now;
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return Failed(clock, $"{e.GetType().Name}: {e.Message}");
        }
        if (!done) return Failed(clock, "the stream ended without data: [DONE]");
        if (tokens != maxTokens) return Failed(clock, $"expected {maxTokens} completion tokens, the usage chunk says {tokens?.ToString() ?? "nothing"}");
        return new StreamedCompletion(tokens.Value, first, gaps, clock.Elapsed.TotalMilliseconds, null);
    }

    private static StreamedCompletion Failed(Stopwatch clock, string error) => new(0, double.NaN, [], clock.Elapsed.TotalMilliseconds, error);

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
