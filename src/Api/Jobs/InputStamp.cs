namespace InstructGpt.Api.Jobs;

/// <summary>
/// A file's size and last write time (-1 and default when it is missing): what tells a held plan that an input was
/// replaced, edited or removed since it was read, without reading the file again.
/// </summary>
public readonly record struct InputStamp(string Path, long Length, DateTime WrittenUtc)
{
    public static InputStamp Of(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? new InputStamp(path, file.Length, file.LastWriteTimeUtc) : new InputStamp(path, -1, default);
    }

    /// <summary>Whether the file is still as it was stamped.</summary>
    public bool IsCurrent => Of(Path) == this;
}
