namespace InstructGpt.Api.Datasets;

/// <param name="Lines">The first invalid records (at most Datasets:MaxReportedErrors).</param>
/// <param name="TotalErrors">Every problem found, listed or not.</param>
public sealed record InvalidDatasetError(string Message, string Type, string? Param, string Code, IReadOnlyList<InvalidRecord> Lines, int TotalErrors);
