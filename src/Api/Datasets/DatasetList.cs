namespace InstructGpt.Api.Datasets;

/// <param name="Object">Always "list".</param>
public sealed record DatasetList(string Object, IReadOnlyList<DatasetInfo> Data);
