namespace InstructGpt.Evaluation.Reports;

public sealed record LegendEntry(string Model, string Color);
