using System.Diagnostics;
using System.Text.Json;

namespace InstructGpt.Safetensors.Tests.Python;

/// <summary>Runs safetensors_peer.py with Debian's python3-torch and returns the JSON description it prints.</summary>
internal static class PythonPeer
{
    public const string Python = "/usr/bin/python3"; // Debian's, which has torch (scripts/setup.sh installs python3-torch)

    private static string Script => Path.Combine(AppContext.BaseDirectory, "Python", "safetensors_peer.py");

    public static JsonDocument Run(string command, string path)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(path);
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Python} {Script} {command} failed ({process.ExitCode}): {stderr.Result}");
        return JsonDocument.Parse(stdout);
    }
}
