namespace InstructGpt.Api.Datasets;

/// <summary>The answer to a DELETE, in OpenAI's shape.</summary>
/// <param name="Object">Always "dataset".</param>
public sealed record DatasetDeleted(string Name, string Object, bool Deleted);
