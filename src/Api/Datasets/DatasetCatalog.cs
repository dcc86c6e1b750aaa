using System.Text.Json;
using InstructGpt.Api.Hosting;
using Microsoft.Extensions.Options;

namespace InstructGpt.Api.Datasets;

/// <summary>
/// The datasets directory, <c>$INSTRUCTGPT_HOME/datasets</c>: <c>NAME.jsonl</c> holds the records and
/// <c>NAME.meta.json</c> what the upload's validation found (kind, records, size, hash). Files arrive as a hidden
/// temporary sibling and are renamed into place, so a reader never sees half a dataset; writers of this process
/// take turns, so a check for an existing name and the rename that follows it cannot interleave with another.
/// </summary>
public sealed class DatasetCatalog(IOptions<DataOptions> data)
{
    public const string DirectoryName = "datasets";
    public const string Extension = ".jsonl";
    public const string ContentType = "application/x-ndjson";
    private const string MetadataExtension = ".meta.json";
    private static readonly JsonSerializerOptions MetadataJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    private readonly SemaphoreSlim writing = new(1, 1);

    public string Root => Path.Combine(data.Value.FullHome, DirectoryName);

    /// <summary>Where a dataset's records are; the name must be valid (<see cref="DatasetName.IsValid"/>).</summary>
    public string PathOf(string name)
    {
        if (!DatasetName.IsValid(name)) throw new ArgumentException($"'{name}' is not a dataset name: {DatasetName.Rule}.", nameof(name));
        var path = Path.GetFullPath(Path.Combine(Root, name + Extension));
        // The name rules already make this impossible; checked again because a mistake here would expose the disk.
        if (!string.Equals(Path.GetDirectoryName(path), Path.GetFullPath(Root), StringComparison.Ordinal))
            throw new InvalidOperationException($"Dataset path {path} is outside {Root}.");
        return path;
    }

    /// <summary>A fresh hidden file in the datasets directory for an upload in progress (same file system, so the final rename is atomic).</summary>
    public string NewTemporaryPath()
    {
        Directory.CreateDirectory(Root);
        return Path.Combine(Root, $".upload-{Guid.NewGuid():N}.tmp");
    }

    public bool Exists(string name) => File.Exists(PathOf(name));

    public IReadOnlyList<DatasetInfo> List()
    {
        if (!Directory.Exists(Root)) return [];
        return Directory.EnumerateFiles(Root, "*" + Extension)
            .Select(path => Path.GetFileName(path)[..^Extension.Length])
            .Where(DatasetName.IsValid)
            .Order(StringComparer.Ordinal)
            .Select(Find)
            .OfType<DatasetInfo>()
            .ToList();
    }

    public DatasetInfo? Find(string name)
    {
        var file = new FileInfo(PathOf(name));
        if (!file.Exists) return null;
        var metadata = ReadMetadata(name);
        // Metadata describes the file the upload validated; a file replaced by other means is shown as unvalidated.
        if (metadata is not null && metadata.Bytes == file.Length) return metadata;
        return new DatasetInfo(name, DatasetInfo.ObjectName, null, null, file.Length, null, new DateTimeOffset(file.LastWriteTimeUtc).ToUnixTimeSeconds());
    }

    /// <summary>
    /// Renames the validated upload at <paramref name="temporaryPath"/> into place as <paramref name="info"/>'s name.
    /// False, changing nothing, when the name exists and <paramref name="overwrite"/> is not set.
    /// </summary>
    public async Task<bool> PublishAsync(string temporaryPath, DatasetInfo info, bool overwrite)
    {
        var path = PathOf(info.Name);
        await writing.WaitAsync();
        try
        {
            if (File.Exists(path) && !overwrite) return false;
            var metadataTemporary = NewTemporaryPath();
            await File.WriteAllTextAsync(metadataTemporary, JsonSerializer.Serialize(info, MetadataJson));
            File.Move(temporaryPath, path, overwrite: true);
            File.Move(metadataTemporary, MetadataPath(info.Name), overwrite: true);
            return true;
        }
        finally
        {
            writing.Release();
        }
    }

    /// <summary>Removes a dataset; false when there is none of that name.</summary>
    public async Task<bool> DeleteAsync(string name)
    {
        var path = PathOf(name);
        await writing.WaitAsync();
        try
        {
            if (!File.Exists(path)) return false;
            File.Delete(path);
            File.Delete(MetadataPath(name));
            return true;
        }
        finally
        {
            writing.Release();
        }
    }

    private string MetadataPath(string name) => Path.Combine(Root, name + MetadataExtension);

    private DatasetInfo? ReadMetadata(string name)
    {
        try
        {
            return JsonSerializer.Deserialize<DatasetInfo>(File.ReadAllText(MetadataPath(name)), MetadataJson);
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null; // missing or damaged: the file is listed as unvalidated
        }
    }
}
