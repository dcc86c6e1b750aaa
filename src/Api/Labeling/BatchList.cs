namespace InstructGpt.Api.Labeling;

public sealed record BatchList(string Object, IReadOnlyList<BatchObject> Data, bool HasMore);
