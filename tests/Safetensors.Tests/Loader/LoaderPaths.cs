using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace InstructGpt.Safetensors.Tests.Loader;

/// <summary>Where the loader tests find the repository's scripts, TorchSharp's pristine package library and the system's libstdc++.</summary>
internal static class LoaderPaths
{
    public const string Python = "/usr/bin/python3";
    public const string MissingVersion = "GLIBCXX_3.4.32";

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string PatchScript => Path.Combine(RepositoryRoot, "build", "patch-libtorchsharp-glibcxx.py");

    /// <summary>The library as restored from NuGet, which no build step touches.</summary>
    public static string PristineLibrary => Path.Combine(Metadata("NuGetPackageRoot"), "torchsharp", Metadata("TorchSharpVersion"),
        "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    /// <summary>
    /// The libstdc++ the dynamic loader would pick, searched as build/libtorchsharp-loader-step.sh does: ldconfig's
    /// cache first, then the usual paths.
    /// </summary>
    public static string SystemLibStdCxx { get; } = FindLibStdCxx();

    /// <summary>Whether the system's libstdc++ defines GLIBCXX_3.4.32 (GCC 13 and later): then the library loads unpatched.</summary>
    public static bool SystemHasMissingVersion { get; } = Contains(File.ReadAllBytes(SystemLibStdCxx), MissingVersion);

    /// <summary>Whether a library's bytes hold <paramref name="name"/> as a NUL-terminated string (a version name in its string table).</summary>
    public static bool Contains(byte[] library, string name) => library.AsSpan().IndexOf(Encoding.ASCII.GetBytes(name + "\0")) >= 0;

    private static string Metadata(string key) =>
        typeof(LoaderPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"the test assembly has no {key} metadata");

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "build", "patch-libtorchsharp-glibcxx.py"))) return dir.FullName;
        throw new InvalidOperationException($"no repository root (with build/patch-libtorchsharp-glibcxx.py) above {AppContext.BaseDirectory}");
    }

    private static string FindLibStdCxx()
    {
        var candidates = new List<string>();
        if (File.Exists("/sbin/ldconfig"))
        {
            var start = new ProcessStartInfo("/sbin/ldconfig", "-p") { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            candidates.AddRange(output.Split('\n')
                .Where(l => l.TrimStart().StartsWith("libstdc++.so.6 ", StringComparison.Ordinal) && l.Contains("x86-64", StringComparison.Ordinal))
                .Select(l => l[(l.LastIndexOf(' ') + 1)..]));
        }
        candidates.AddRange(["/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6"]);
        return candidates.FirstOrDefault(File.Exists) ?? throw new InvalidOperationException("no libstdc++.so.6 on this system");
    }
}
