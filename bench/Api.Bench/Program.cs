using System.Globalization;
using System.Text.Json;
using InstructGpt.Api.Bench;

// Serving load benchmark: the real API (Kestrel on loopback, a child process) serving a randomly initialised tiny
// model, driven by 1, 8, 16 and 32 concurrent streaming clients with continuous batching (the shipped
// Serving:MaxBatchSize), then by 16 clients with one request decoded at a time (Serving:MaxBatchSize=1).
// bench/run-load-bench.sh builds everything and runs this; results go to docs/benchmarks.md.
//
// usage: InstructGpt.Api.Bench --api DLL [--home DIR] [--tokenizer DIR] [--corpus DIR] [--clients 1,8,16,32]
//        [--unbatched-clients 16] [--requests-per-client N] [--max-tokens N] [--batch N] [--threads N] [--paired-rounds 16]
//        [--json FILE]
// --paired-rounds: rounds of one streamed request alternating with the same decode in this process, greedy and
// sampled (0 skips them).

var options = BenchArguments.Parse(args);
var home = options.Home ?? Directory.CreateTempSubdirectory("instructgpt-load-bench-").FullName;
Console.WriteLine($"# home {home}");
var config = BenchModel.Write(home, options.Tokenizer, options.Corpus, seed: 1);
Console.WriteLine($"# model: tiny preset, {config.NLayer} layers, {config.NEmbd} wide, context {config.NPositions}, vocabulary {config.VocabSize}, random weights");
const string prompt = "Write a long story about a lighthouse keeper who finds a message in a bottle on the shore.\n";

var runs = new List<(string Mode, LoadResult Result, long PeakRss)>();
IReadOnlyList<PairedRound> paired = [];
async Task RunServerAsync(string mode, int maxBatch, IEnumerable<int> clientCounts, bool pairWithInProcess = false)
{
    var settings = new Dictionary<string, string>
    {
        ["Serving__MaxBatchSize"] = maxBatch.ToString(CultureInfo.InvariantCulture),
        ["Serving__QueueCapacity"] = "4096", // every client waits its turn; none is turned away with 429
        ["INSTRUCTGPT_NUM_THREADS"] = options.Threads.ToString(CultureInfo.InvariantCulture),
    };
    await using var server = await ServerProcess.StartAsync(options.ApiDll, home, settings, TimeSpan.FromMinutes(2));
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 }) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
    // Warm-up, not measured: loads the model and runs the batch shapes once.
    await LoadGenerator.RunAsync(http, BenchModel.Name, prompt, new LoadLevel(Math.Min(4, maxBatch), 1, 8));
    foreach (var clients in clientCounts)
    {
        server.TakePeakRss();
        var result = await LoadGenerator.RunAsync(http, BenchModel.Name, prompt, new LoadLevel(clients, options.RequestsPerClient, options.MaxTokens));
        var rss = server.TakePeakRss();
        runs.Add((mode, result, rss));
        Console.WriteLine(Row(mode, result, rss));
        foreach (var error in result.ErrorSamples) Console.WriteLine($"#   error: {error}");
    }
    if (pairWithInProcess && options.PairedRounds > 0)
        paired = await PairedOneClient.RunAsync(http, home, prompt, options.MaxTokens, options.Threads, options.PairedRounds);
    Console.WriteLine($"# {mode}: server peak RSS over its life (VmHWM) {server.HighWaterMarkRss / 1048576.0:0} MiB");
}

Console.WriteLine($"# {options.RequestsPerClient} streamed requests per client, max_tokens {options.MaxTokens}, ignore_eos, temperature 1; " +
                  $"server intra-op threads {options.Threads}; {Environment.ProcessorCount} cores; load average {LoadAverage()}");
Console.WriteLine("| mode | clients | requests | errors | tokens/s | TTFT p50 ms | TTFT p99 ms | inter-token p50 ms | inter-token p99 ms | peak RSS MiB |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
await RunServerAsync($"continuous batching (MaxBatchSize={options.Batch})", options.Batch, options.Clients, pairWithInProcess: true);
await RunServerAsync("one at a time (MaxBatchSize=1)", 1, [options.UnbatchedClients]);

var batched = runs.FirstOrDefault(r => r.Result.Level.Clients == options.UnbatchedClients && r.Mode.StartsWith("continuous", StringComparison.Ordinal));
var single = runs.Last();
if (batched.Result is not null)
{
    var ratio = batched.Result.TokensPerSecond / single.Result.TokensPerSecond;
    Console.WriteLine($"# {options.UnbatchedClients} clients: continuous batching {batched.Result.TokensPerSecond:0} tok/s vs one at a time {single.Result.TokensPerSecond:0} tok/s = {ratio:0.00}x (goal >= 3x: {(ratio >= 3 ? "met" : "missed")})");
}
if (paired.Count > 0)
{
    // One streamed request and the same decode in this process, alternating round by round (PairedOneClient).
    var byBare = paired.Select(p => p.HttpGreedy / p.Bare).ToList();
    var byGenerator = paired.Select(p => p.HttpSampled / p.Generator).ToList();
    var sampledByBare = paired.Select(p => p.HttpSampled / p.Bare).ToList();
    var ratio = PairedOneClient.Median(byBare);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"# one streaming client, {paired.Count} rounds alternating with the same decode in process (medians): greedy HTTP {PairedOneClient.Median(paired.Select(p => p.HttpGreedy)):0.0} tok/s, " +
        $"bare greedy loop {PairedOneClient.Median(paired.Select(p => p.Bare)):0.0}; sampled HTTP {PairedOneClient.Median(paired.Select(p => p.HttpSampled)):0.0}, " +
        $"CompletionGenerator sampling {PairedOneClient.Median(paired.Select(p => p.Generator)):0.0}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"# greedy HTTP / bare greedy loop median {ratio:0.00} (rounds {byBare.Min():0.00}-{byBare.Max():0.00}; goal >= 0.80: {(ratio >= 0.8 ? "met" : "missed")}); " +
        $"sampled HTTP / generator {PairedOneClient.Median(byGenerator):0.00} (rounds {byGenerator.Min():0.00}-{byGenerator.Max():0.00}); " +
        $"sampled HTTP / bare greedy loop {PairedOneClient.Median(sampledByBare):0.00} (rounds {sampledByBare.Min():0.00}-{sampledByBare.Max():0.00})"));
}
Console.WriteLine($"# load average at the end {LoadAverage()}");
if (options.Json is { } json)
    File.WriteAllText(json, JsonSerializer.Serialize(runs.Select(r => new { r.Mode, r.Result, PeakRssBytes = r.PeakRss }), new JsonSerializerOptions { WriteIndented = true }));
if (options.Home is null) Directory.Delete(home, recursive: true);
return runs.Any(r => r.Result.Errors > 0) ? 1 : 0;

static string Row(string mode, LoadResult r, long rss) => string.Create(CultureInfo.InvariantCulture,
    $"| {mode} | {r.Level.Clients} | {r.Requests} | {r.Errors} | {r.TokensPerSecond:0.0} | {r.TtftP50:0} | {r.TtftP99:0} | {r.InterTokenP50:0.0} | {r.InterTokenP99:0.0} | {rss / 1048576.0:0} |");

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

namespace InstructGpt.Api.Bench
{
    internal sealed record BenchArguments(
        string ApiDll, string? Home, string? Tokenizer, string Corpus, IReadOnlyList<int> Clients, int UnbatchedClients,
        int RequestsPerClient, int MaxTokens, int Batch, int Threads, int PairedRounds, string? Json)
    {
        public static BenchArguments Parse(string[] args)
        {
            string? api = null, home = null, tokenizer = null, corpus = null, json = null;
            IReadOnlyList<int> clients = [1, 8, 16, 32];
            int unbatched = 16, requests = 4, maxTokens = 64, batch = 16, threads = 2, pairedRounds = 16;
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                int Int(string name, int min) => int.TryParse(Next(), out var v) && v >= min ? v : throw new ArgumentException($"{name} must be an integer >= {min}");
                switch (args[i])
                {
                    case "--api": api = Next(); break;
                    case "--home": home = Next(); break;
                    case "--tokenizer": tokenizer = Next(); break;
                    case "--corpus": corpus = Next(); break;
                    case "--json": json = Next(); break;
                    case "--clients": clients = Next().Split(',').Select(c => int.TryParse(c, out var n) && n >= 1 ? n : throw new ArgumentException("--clients takes counts >= 1, e.g. 1,8,16,32")).ToList(); break;
                    case "--unbatched-clients": unbatched = Int("--unbatched-clients", 1); break;
                    case "--requests-per-client": requests = Int("--requests-per-client", 1); break;
                    case "--max-tokens": maxTokens = Int("--max-tokens", 1); break;
                    case "--batch": batch = Int("--batch", 1); break;
                    case "--threads": threads = Int("--threads", 1); break;
                    case "--paired-rounds": pairedRounds = Int("--paired-rounds", 0); break;
                    default: throw new ArgumentException($"unknown option {args[i]}");
                }
            }
            if (api is null || !File.Exists(api)) throw new ArgumentException($"--api must name the built InstructGpt.Api.dll (got '{api}'); bench/run-load-bench.sh builds it");
            return new BenchArguments(api, home, tokenizer, corpus ?? RepositoryRoot(), clients, unbatched, requests, maxTokens, batch, threads, pairedRounds, json);
        }

        private static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "InstructGpt.sln"))) return dir.FullName;
            throw new ArgumentException("give --corpus DIR (text to train the tokenizer on); the repository root was not found");
        }
    }
}
