using InstructGpt.Evaluation.Reports;
using InstructGpt.Evaluation.Storage;

namespace InstructGpt.Evaluation.Runs;

/// <summary>A finished run: its row, its report (what every report file is drawn from), what this call did, and the report files written.</summary>
public sealed record EvaluationResult(EvaluationRun Run, EvaluationReport Report, RunCounts Counts, IReadOnlyList<string> ReportFiles);
