using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace InstructGpt.Inference.Tests.Tokenization;

/// <summary>
/// Runs reference-js/encode.mjs (js-tiktoken's r50k_base, an independent GPT-2 tokenizer) once over many texts.
/// </summary>
internal static class NodeReference
{
    private static readonly TimeSpan timeout = TimeSpan.FromMinutes(2);

    public static int[][] Encode(IReadOnlyList<string> texts)
    {
        var script = Path.Combine(TestData.ReferenceJsDirectory, "encode.mjs");
        if (!Directory.Exists(Path.Combine(TestData.ReferenceJsDirectory, "node_modules", "js-tiktoken")))
        {
            throw new InvalidOperationException(
                $"The node reference is not installed in {TestData.ReferenceJsDirectory}. Run scripts/setup.sh (or `npm ci` in that folder).");
        }

        var start = new ProcessStartInfo("node", [script])
        {
            WorkingDirectory = TestData.ReferenceJsDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("node was not found on PATH; install Node.js 18 or later to run the reference tokenizer.", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            foreach (var text in texts)
            {
                process.StandardInput.Write(JsonSerializer.Serialize(text));
                process.StandardInput.Write('\n');
            }
            process.StandardInput.Close();
            if (!process.WaitForExit(timeout))
            {
                process.Kill();
                throw new TimeoutException($"node {script} took longer than {timeout}.");
            }
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"node {script} failed with exit code {process.ExitCode}: {errors.Result}");
            }
            var ids = output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonSerializer.Deserialize<int[]>(line)!)
                .ToArray();
            Assert.True(ids.Length == texts.Count, $"node printed {ids.Length} lines for {texts.Count} texts");
            return ids;
        }
    }
}
