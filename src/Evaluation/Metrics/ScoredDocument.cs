namespace InstructGpt.Evaluation.Metrics;

/// <summary>
/// One held-out document scored by a model: the sum of ln p(token | prefix) over its scored tokens, and how many
/// tokens that is. The unit a perplexity bootstrap resamples.
/// </summary>
public readonly record struct ScoredDocument(double SumLogProb, long TokenCount);
