using InstructGpt.Evaluation.Metrics;

namespace InstructGpt.Evaluation.Storage;

/// <summary>One held-out pretraining document scored by one model: Σ ln p over its tokens and their count (the alignment tax's unit).</summary>
public sealed record DocumentScore(string RunId, string Model, string DocumentId, double SumLogProb, long TokenCount)
{
    public ScoredDocument Scored => new(SumLogProb, TokenCount);
}
