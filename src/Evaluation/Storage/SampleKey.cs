namespace InstructGpt.Evaluation.Storage;

/// <summary>What identifies a sample within a run; a runner skips every key the store already holds.</summary>
public readonly record struct SampleKey(string Model, string PromptId, string Variant, int SampleIndex, string Judge);
