using System.Diagnostics;

namespace InstructGpt.Cli.Tests;

/// <summary>Runs the real instructgpt executable (built beside the tests) as a child process.</summary>
internal static class CliProcess
{
    public static (int exitCode, string stdout, string stderr) Run(string? stdin, params string[] arguments)
    {
        using var process = Start(arguments);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"instructgpt {string.Join(' ', arguments)} did not finish in 2 minutes");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts instructgpt with redirected streams and returns at once (the caller reads, waits or kills).</summary>
    public static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "instructgpt.dll"));
        foreach (var a in arguments) start.ArgumentList.Add(a);
        return Process.Start(start)!;
    }

    /// <summary>GPT-2's vocabulary, committed with the Inference tests.</summary>
    public static string Gpt2Vocabulary => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "Inference.Tests", "Data", "gpt2"));
}
