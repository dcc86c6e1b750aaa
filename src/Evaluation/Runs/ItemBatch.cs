namespace InstructGpt.Evaluation.Runs;

/// <summary>Prompts generated together: one variant, the same number of samples each, and a seed of their own.</summary>
internal sealed record ItemBatch(int Index, int Samples, IReadOnlyList<EvaluationItem> Items);
