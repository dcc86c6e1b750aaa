namespace InstructGpt.Api.Bench;

/// <summary>
/// One round of the one-client comparison, tokens/s of four runs made moments apart, in pairs that do the same work:
/// a greedy streamed request and the bare greedy loop (what serving adds to the model), and a streamed request
/// sampling at temperature 1 and CompletionGenerator sampling the same way (what serving adds to the generation core).
/// </summary>
public sealed record PairedRound(double HttpGreedy, double Bare, double HttpSampled, double Generator);

/// <summary>
/// One streaming client against the bare decode loop, measured in alternation: each round sends a greedy streamed
/// request to the running server (timed from sending to [DONE], so it includes the request's handling and the
/// prompt's prefill) and runs the bare greedy loop while the server idles, then does the same with temperature-1
/// sampling on both sides (<see cref="InProcessDecode"/>). Comparing like with like keeps the cost of sampling, which
/// the bare loop does not pay, out of the serving overhead. Ratios are
/// taken round by round and their median reported, so that a slow minute on the shared machine hits both sides.
/// </summary>
internal static class PairedOneClient
{
    public static async Task<IReadOnlyList<PairedRound>> RunAsync(HttpClient http, string home, string prompt, int maxTokens, int threads, int rounds)
    {
        using var local = new InProcessDecode(home, prompt, maxTokens, threads);
        const long warmUpSeed = 1_000_000;
        await Request(http, prompt, maxTokens, warmUpSeed, temperature: 0);
        await Request(http, prompt, maxTokens, warmUpSeed, temperature: 1);
        local.Bare();
        local.Generator();
        var results = new List<PairedRound>(rounds);
        for (var r = 0; r < rounds; r++)
        {
            var greedy = await Request(http, prompt, maxTokens, r, temperature: 0);
            var bare = local.Bare();
            var sampled = await Request(http, prompt, maxTokens, r, temperature: 1);
            var generator = local.Generator();
            results.Add(new PairedRound(TokensPerSecond(greedy), bare, TokensPerSecond(sampled), generator));
        }
        return results;
    }

    private static double TokensPerSecond(StreamedCompletion streamed) => streamed.Tokens / (streamed.Total / 1000);

    private static async Task<StreamedCompletion> Request(HttpClient http, string prompt, int maxTokens, long seed, double temperature)
    {
        var streamed = await StreamedCompletion.RunAsync(http, BenchModel.Name, prompt, maxTokens, seed, CancellationToken.None, temperature);
        return streamed.Error is null ? streamed : throw new InvalidOperationException($"a streamed request failed: {streamed.Error}");
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
