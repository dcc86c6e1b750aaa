namespace InstructGpt.Inference.Tokenization;

/// <summary>
/// Writes a file so that readers see either the old content or the new, never half of it: the bytes go to a temporary
/// file in the same folder, which is then renamed over the target (a rename within one file system is atomic).
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary); // no-op after a successful rename
        }
    }
}
