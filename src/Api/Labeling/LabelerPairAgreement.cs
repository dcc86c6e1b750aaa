namespace InstructGpt.Api.Labeling;

/// <summary>Agreement of two labelers over the tasks both ranked; <paramref name="Labelers"/> in name order.</summary>
public sealed record LabelerPairAgreement(IReadOnlyList<string> Labelers, int Tasks, int Pairs, int Agreements, double? Rate);
