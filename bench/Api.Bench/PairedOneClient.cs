namespace InstructGpt.Api.Bench;

/// <summary>One round of the one-client comparison: tokens/s of a streamed request and of the two in-process loops right after it.</summary>
public sealed record PairedRound(double Http, double Bare, double Generator);

/// <summary>
/// One streaming client against the bare decode loop, measured in alternation: each round sends one streamed
/// request to the running server (timed from sending to [DONE], so it includes the request's handling and the
/// prompt's prefill) and then runs <see cref="InProcessDecode"/>'s two loops while the server idles. Ratios are
/// taken round by round and their median reported, so that a slow minute on the shared machine hits both sides.
/// </summary>
internal static class PairedOneClient
{
    public static async Task<IReadOnlyList<PairedRound>> RunAsync(HttpClient http, string home, string prompt, int maxTokens, int threads, int rounds)
    {
        using var local = new InProcessDecode(home, prompt, maxTokens, threads);
        const long warmUpSeed = 1_000_000;
        await Request(http, prompt, maxTokens, warmUpSeed);
        local.Bare();
        local.Generator();
        var results = new List<PairedRound>(rounds);
        for (var r = 0; r < rounds; r++)
        {
            var streamed = await Request(http, prompt, maxTokens, r);
            results.Add(new PairedRound(streamed.Tokens / (streamed.Total / 1000), local.Bare(), local.Generator()));
        }
        return results;
    }

    private static async Task<StreamedCompletion> Request(HttpClient http, string prompt, int maxTokens, long seed)
    {
        var streamed = await StreamedCompletion.RunAsync(http, BenchModel.Name, prompt, maxTokens, seed, CancellationToken.None);
        return streamed.Error is null ? streamed : throw new InvalidOperationException($"a streamed request failed: {streamed.Error}");
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
