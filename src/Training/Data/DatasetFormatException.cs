namespace InstructGpt.Training.Data;

/// <summary>
/// A dataset file has invalid records. Nothing from the file was loaded: a file loads whole or not at all, so a
/// training run never starts on the valid half of a broken file.
/// </summary>
public sealed class DatasetFormatException : Exception
{
    public DatasetFormatException(string path, IReadOnlyList<DatasetError> errors, int totalErrors)
        : base(Describe(path, errors, totalErrors))
    {
        Path = path;
        Errors = errors;
        TotalErrors = totalErrors;
    }

    public string Path { get; }

    /// <summary>The first errors found, at most <see cref="JsonlFile.MaxReportedErrors"/>.</summary>
    public IReadOnlyList<DatasetError> Errors { get; }

    /// <summary>All errors found, including those not listed.</summary>
    public int TotalErrors { get; }

    private static string Describe(string path, IReadOnlyList<DatasetError> errors, int totalErrors)
    {
        var lines = new List<string>
        {
            $"{path}: {totalErrors} error(s); nothing was loaded from this file. Fix these and load it again " +
            "(the formats are described in docs/datasets.md):",
        };
        lines.AddRange(errors.Select(e => "  " + e));
        if (totalErrors > errors.Count)
        {
            lines.Add($"  ... and {totalErrors - errors.Count} more");
        }
        return string.Join('\n', lines);
    }
}
