using System.Diagnostics;

namespace InstructGpt.Api.Bench;

/// <summary>One load level: <paramref name="Clients"/> concurrent clients, each sending <paramref name="RequestsPerClient"/> streamed completions one after another.</summary>
public sealed record LoadLevel(int Clients, int RequestsPerClient, int MaxTokens);

/// <summary>What a level measured. Latencies in milliseconds; throughput counts completion tokens over the level's wall time.</summary>
public sealed record LoadResult(
    LoadLevel Level, int Requests, int Errors, long Tokens, double WallSeconds, double TokensPerSecond,
    double TtftP50, double TtftP99, double InterTokenP50, double InterTokenP99, IReadOnlyList<string> ErrorSamples);

/// <summary>A bounded closed-loop load generator: a fixed number of clients and requests, so every level ends.</summary>
public static class LoadGenerator
{
    public static async Task<LoadResult> RunAsync(HttpClient http, string model, string prompt, LoadLevel level, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var clients = Enumerable.Range(0, level.Clients).Select(async client =>
        {
            var results = new List<StreamedCompletion>(level.RequestsPerClient);
            for (var r = 0; r < level.RequestsPerClient; r++)
                results.Add(await StreamedCompletion.RunAsync(http, model, prompt, level.MaxTokens, seed: client * 1000L + r, cancellationToken));
            return results;
        }).ToList();
        var all = (await Task.WhenAll(clients)).SelectMany(r => r).ToList();
        var wall = clock.Elapsed.TotalSeconds;

        var ok = all.Where(r => r.Error is null).ToList();
        var tokens = ok.Sum(r => (long)r.Tokens);
        return new LoadResult(level, all.Count, all.Count - ok.Count, tokens, wall, tokens / wall,
            Percentile(ok.Select(r => r.TimeToFirstToken), 50), Percentile(ok.Select(r => r.TimeToFirstToken), 99),
            Percentile(ok.SelectMany(r => r.InterTokenGaps), 50), Percentile(ok.SelectMany(r => r.InterTokenGaps), 99),
            all.Where(r => r.Error is not null).Select(r => r.Error!).Distinct().Take(3).ToList());
    }

    /// <summary>The nearest-rank percentile (the smallest value with at least p% of the values at or below it); NaN for none.</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
