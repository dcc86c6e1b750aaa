namespace InstructGpt.Api.Labeling;

public sealed record LabelerList(string Object, IReadOnlyList<LabelerObject> Data);
