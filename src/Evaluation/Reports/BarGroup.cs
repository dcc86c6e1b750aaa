namespace InstructGpt.Evaluation.Reports;

public sealed record BarGroup(string Label, IReadOnlyList<Bar> Bars);
