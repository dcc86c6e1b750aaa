using System.Text.RegularExpressions;
using InstructGpt.Api.Errors;

namespace InstructGpt.Api.Jobs;

/// <summary>
/// Finds the file a job's dataset reference names: a dataset uploaded through /v1/datasets
/// (<c>$INSTRUCTGPT_HOME/datasets/NAME.jsonl</c>), or a path inside the data directory (<c>$INSTRUCTGPT_HOME/data</c>,
/// where the default world is). References are relative paths of plain segments, so none can reach outside those
/// two directories.
/// </summary>
public sealed partial class DatasetLocator(string home)
{
    public const int MaxReferenceLength = 256;

    public string DatasetsDirectory { get; } = Path.Combine(Path.GetFullPath(home), "datasets");
    public string DataDirectory { get; } = Path.Combine(Path.GetFullPath(home), "data");

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]*$")]
    private static partial Regex SegmentPattern();

    /// <summary>The file <paramref name="reference"/> names; a 400 naming <paramref name="param"/> when it is invalid or missing.</summary>
    public string Resolve(string? reference, string param)
    {
        if (string.IsNullOrWhiteSpace(reference))
            throw new InvalidRequestException($"Invalid value for '{param}': give a dataset name from GET /v1/datasets or a path inside the data directory.", param);
        if (reference.Length > MaxReferenceLength)
            throw new InvalidRequestException($"Invalid value for '{param}': the reference is {reference.Length} characters long; at most {MaxReferenceLength} are allowed.", param);
        var segments = reference.Split('/');
        if (segments.Any(s => !SegmentPattern().IsMatch(s) || s.Contains("..", StringComparison.Ordinal)))
            throw new InvalidRequestException(
                $"Invalid value for '{param}': '{reference}' is not a dataset name or a relative path inside the data directory " +
                "(segments of letters, digits, '.', '_' and '-' separated by '/', no '..', no leading '/' or '.').", param, "invalid_dataset_name");
        var candidates = segments.Length == 1
            // StageRunner's order: the world's files, then uploads.
            ? new[] { Path.Combine(DataDirectory, reference + ".jsonl"), Path.Combine(DataDirectory, reference), Path.Combine(DatasetsDirectory, reference + ".jsonl"), Path.Combine(DatasetsDirectory, reference) }
            : [Path.Combine(DataDirectory, reference), Path.Combine(DataDirectory, reference + ".jsonl")];
        foreach (var candidate in candidates)
        {
            var full = Path.GetFullPath(candidate);
            if (!IsInside(full, DatasetsDirectory) && !IsInside(full, DataDirectory)) continue; // a symbolic trick; never read
            if (File.Exists(full) && !LeadsOutside(full)) return full;
        }
        throw new InvalidRequestException(
            $"Invalid value for '{param}': there is no dataset '{reference}'. Upload it with POST /v1/datasets, or name a file inside {DataDirectory}.",
            param, "dataset_not_found");
    }

    /// <summary>A symbolic link must point inside one of the two directories as well.</summary>
    private bool LeadsOutside(string file)
    {
        if (new FileInfo(file).LinkTarget is null) return false;
        var target = new FileInfo(file).ResolveLinkTarget(returnFinalTarget: true)?.FullName;
        return target is null || (!IsInside(Path.GetFullPath(target), DatasetsDirectory) && !IsInside(Path.GetFullPath(target), DataDirectory));
    }

    private static bool IsInside(string path, string directory) => path.StartsWith(directory + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
