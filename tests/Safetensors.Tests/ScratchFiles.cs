namespace InstructGpt.Safetensors.Tests;

/// <summary>A temporary directory for one test class's files, deleted with the class.</summary>
public sealed class ScratchFiles(string prefix) : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>Writes the bytes under the name and returns the file's path.</summary>
    public string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
