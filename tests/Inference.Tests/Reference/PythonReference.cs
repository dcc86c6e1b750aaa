using System.Diagnostics;

namespace InstructGpt.Inference.Tests.Reference;

/// <summary>Runs the independent plain-PyTorch GPT-2 (hf_gpt2_reference.py) with Debian's python3-torch.</summary>
internal static class PythonReference
{
    public const string Python = "/usr/bin/python3"; // Debian's, which has torch (installed by scripts/setup.sh)

    public static string Script => Path.Combine(AppContext.BaseDirectory, "Reference", "hf_gpt2_reference.py");

    public static void Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Script);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Python} {Script} failed ({process.ExitCode}): {stderr.Result}");
    }
}
