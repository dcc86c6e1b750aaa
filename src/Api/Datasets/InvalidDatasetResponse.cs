namespace InstructGpt.Api.Datasets;

public sealed record InvalidDatasetResponse(InvalidDatasetError Error);
