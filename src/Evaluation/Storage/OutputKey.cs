namespace InstructGpt.Evaluation.Storage;

/// <summary>What identifies a generated output within a run.</summary>
public readonly record struct OutputKey(string Model, string PromptId, string Variant, int SampleIndex);
