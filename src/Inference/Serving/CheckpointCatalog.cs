using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using InstructGpt.Inference.Checkpoints;

namespace InstructGpt.Inference.Serving;

/// <summary>
/// The checkpoints under one root directory (<c>$INSTRUCTGPT_HOME/checkpoints</c>), each served as a model named
/// after its directory. Names are plain file names, so no model name can reach outside the root: no separators,
/// no "..", no leading dot (temporary and retired checkpoints are hidden that way), and a symbolic link
/// must point inside the root.
/// </summary>
public sealed partial class CheckpointCatalog(string root)
{
    public const int MaxNameLength = 128;

    public string Root { get; } = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex NamePattern();

    /// <summary>Whether <paramref name="name"/> may name a checkpoint; <paramref name="problem"/> says why not.</summary>
    public static bool IsValidName(string? name, [NotNullWhen(false)] out string? problem)
    {
        problem = name switch
        {
            null or "" => "the model name is empty",
            { Length: > MaxNameLength } => $"the model name is {name.Length} characters long; at most {MaxNameLength} are allowed",
            _ when !NamePattern().IsMatch(name) || name.Contains("..", StringComparison.Ordinal) =>
                $"the model name '{Shorten(name)}' is not valid: use letters, digits, '.', '_' and '-', starting with a letter or digit, without '..' or '/'",
            _ => null,
        };
        return problem is null;
    }

    private static string Shorten(string s) => s.Length <= 64 ? s : s[..64] + "…";

    /// <summary>The directory a valid name maps to (it may not exist). Throws <see cref="ArgumentException"/> for an invalid name.</summary>
    public string DirectoryOf(string name)
    {
        if (!IsValidName(name, out var problem)) throw new ArgumentException(problem, "model");
        var full = Path.GetFullPath(Path.Combine(Root, name));
        if (!string.Equals(Path.GetDirectoryName(full), Root, StringComparison.Ordinal))
            throw new ArgumentException($"the model name '{name}' does not name a checkpoint directory", "model");
        return full;
    }

    /// <summary>Whether the directory holds a checkpoint that can be served, and does not lead outside the root.</summary>
    public bool IsServable(string directory)
    {
        try
        {
            var info = new DirectoryInfo(directory);
            if (!info.Exists) return false;
            if (info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
                if (target is null || !Path.GetFullPath(target).StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return false;
            }
            return File.Exists(Path.Combine(directory, CheckpointFiles.Config)) && File.Exists(Path.Combine(directory, CheckpointFiles.Weights));
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The servable checkpoint of that name, or null. Throws <see cref="ArgumentException"/> for an invalid name.</summary>
    public CheckpointEntry? Find(string name)
    {
        var directory = DirectoryOf(name);
        return IsServable(directory) ? Entry(name, directory) : null;
    }

    /// <summary>Every servable checkpoint, by name. Directories that fail to open are left out.</summary>
    public IReadOnlyList<CheckpointEntry> List()
    {
        if (!Directory.Exists(Root)) return [];
        var entries = new List<CheckpointEntry>();
        foreach (var directory in Directory.EnumerateDirectories(Root))
        {
            var name = Path.GetFileName(directory);
            if (!IsValidName(name, out _) || !IsServable(directory)) continue;
            if (Entry(name, directory) is { } entry) entries.Add(entry);
        }
        return entries.OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
    }

    private static CheckpointEntry? Entry(string name, string directory)
    {
        try
        {
            var checkpoint = Checkpoint.Open(directory);
            var modified = File.GetLastWriteTimeUtc(Path.Combine(directory, CheckpointFiles.Weights));
            return new CheckpointEntry(name, directory, checkpoint, new DateTimeOffset(modified, TimeSpan.Zero));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return null; // half-replaced, or not a checkpoint of ours
        }
    }
}
