namespace InstructGpt.Inference.Engine;

/// <summary>
/// Where the project's own native libraries are: build/native-shims-step.sh compiles them next to TorchSharp's
/// libLibTorchSharp.so, which is in runtimes/&lt;rid&gt;/native after a build and in the application's folder after a
/// publish. Both are among the runtime's native search directories.
/// </summary>
internal static class NativeShims
{
    /// <summary>The full path of <paramref name="fileName"/> in the folder that holds TorchSharp's library, or null.</summary>
    public static string? Find(string fileName)
    {
        var folders = (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") as string ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(AppContext.BaseDirectory);
        foreach (var folder in folders)
        {
            var candidate = Path.Combine(folder, fileName);
            if (File.Exists(candidate) && File.Exists(Path.Combine(folder, "libLibTorchSharp.so"))) return Path.GetFullPath(candidate);
        }
        return null;
    }
}
