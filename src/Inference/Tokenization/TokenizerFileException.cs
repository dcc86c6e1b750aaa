namespace InstructGpt.Inference.Tokenization;

/// <summary>
/// A tokenizer file (vocab.json or merges.txt) that cannot be used. The message starts with the file and, where the
/// problem is on one line, its 1-based line number, as <c>path:line: problem</c>.
/// </summary>
public sealed class TokenizerFileException : FormatException
{
    public TokenizerFileException(string filePath, int? lineNumber, string problem)
        : base(lineNumber is null ? $"{filePath}: {problem}" : $"{filePath}:{lineNumber}: {problem}")
    {
        FilePath = filePath;
        LineNumber = lineNumber;
    }

    public string FilePath { get; }

    /// <summary>1-based; null when the problem is with the file as a whole.</summary>
    public int? LineNumber { get; }
}
