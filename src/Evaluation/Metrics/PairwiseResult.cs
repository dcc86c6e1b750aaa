namespace InstructGpt.Evaluation.Metrics;

/// <summary>How one output compared with the baseline's output for the same prompt (InstructGPT Figure 1).</summary>
public enum PairwiseResult
{
    Win,
    Tie,
    Loss,
}
