namespace InstructGpt.Evaluation.Reports;

public sealed record ReferenceLine(double Value, string Label);
