namespace InstructGpt.Evaluation.Reports;

/// <summary>One model's value in a group with its interval (null ends draw no error bar) and n, for the tooltip.</summary>
public sealed record Bar(string Model, string Color, double Value, double? Low, double? High, int N, string ValueText, string IntervalText);
