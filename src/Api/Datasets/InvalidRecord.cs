namespace InstructGpt.Api.Datasets;

/// <param name="Line">1-based line number in the uploaded file.</param>
/// <param name="Field">The field at fault (e.g. "completions[2]"), or null for the line as a whole (invalid JSON).</param>
public sealed record InvalidRecord(int Line, string? Field, string Message);
