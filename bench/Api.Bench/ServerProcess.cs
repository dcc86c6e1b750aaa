using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace InstructGpt.Api.Bench;

/// <summary>
/// The real API (InstructGpt.Api.dll) as a child process on a free loopback port, configured through environment
/// variables the way an operator would, with its resident memory sampled from /proc while it runs.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    public const string ApiKey = "bench-key";
    private readonly Process process;
    private readonly Queue<string> lastLines = new();
    private readonly CancellationTokenSource stopSampling = new();
    private readonly Task sampler;
    private long peakRssBytes;

    private ServerProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        sampler = SampleRssAsync(stopSampling.Token);
    }

    public Uri BaseAddress { get; }
    public int ProcessId => process.Id;

    /// <summary>Starts the server and waits until /ready answers 200.</summary>
    public static async Task<ServerProcess> StartAsync(string apiDll, string home, IReadOnlyDictionary<string, string> settings, TimeSpan timeout)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { apiDll, "--urls", url }) start.ArgumentList.Add(a);
        start.Environment["INSTRUCTGPT_HOME"] = home;
        start.Environment["Auth__ApiKey"] = ApiKey;
        start.Environment["Serving__StartPipelineWhenEmpty"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings) start.Environment[key] = value;
        var server = new ServerProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"), new Uri(url));

        using var probe = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (server.process.HasExited) break;
            try
            {
                if ((await probe.GetAsync("/ready")).StatusCode == HttpStatusCode.OK) return server;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        var log = server.Log;
        await server.DisposeAsync();
        throw new InvalidOperationException($"The API at {url} did not become ready within {timeout.TotalSeconds:0} s. Its last output:\n{log}");
    }

    /// <summary>The largest resident set seen since the last call, in bytes (sampled every 20 ms, and the kernel's VmHWM at the end).</summary>
    public long TakePeakRss() => Interlocked.Exchange(ref peakRssBytes, ReadStatus("VmRSS:"));

    /// <summary>The kernel's own high-water mark of the process's resident set over its whole life.</summary>
    public long HighWaterMarkRss => ReadStatus("VmHWM:");

    public string Log
    {
        get
        {
            lock (lastLines) return string.Join('\n', lastLines);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopSampling.CancelAsync();
        await sampler;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    private async Task SampleRssAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var rss = ReadStatus("VmRSS:");
            long seen;
            while (rss > (seen = Interlocked.Read(ref peakRssBytes)) && Interlocked.CompareExchange(ref peakRssBytes, rss, seen) != seen)
            {
            }
            try
            {
                await Task.Delay(20, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>A "kB" line of /proc/PID/status in bytes; 0 once the process is gone or off Linux.</summary>
    private long ReadStatus(string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
                if (line.StartsWith(field, StringComparison.Ordinal))
                    return long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
        }
        return 0;
    }

    private void Remember(string? line)
    {
        if (line is null) return;
        lock (lastLines)
        {
            lastLines.Enqueue(line);
            while (lastLines.Count > 40) lastLines.Dequeue();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
