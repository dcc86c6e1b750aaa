
using InstructGpt.Tasks;

namespace InstructGpt.Evaluation.Judges;

/// <summary>A model's output and the baseline's output for the same prompt and sample index.</summary>
/// <param name="Key">
/// Identifies the comparison, fixed by the runner so that a resumed run gives the same key (a judge uses it,
/// e.g., to choose which output it shows first).
/// </param>
public sealed record JudgedPair(PromptTask Task, JudgedOutput Output, JudgedOutput Baseline, string Key);
