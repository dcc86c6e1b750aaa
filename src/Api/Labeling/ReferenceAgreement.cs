namespace InstructGpt.Api.Labeling;

/// <summary>Agreement of one labeler with the reference (simulated) labeler over the tasks the labeler ranked.</summary>
public sealed record ReferenceAgreement(string Labeler, int Tasks, int Pairs, int Agreements, double? Rate);
