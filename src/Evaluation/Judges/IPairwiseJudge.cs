namespace InstructGpt.Evaluation.Judges;

/// <summary>A judge that compares a model's output with the baseline's for the same prompt (InstructGPT Figure 1's unit).</summary>
public interface IPairwiseJudge
{
    string Name { get; }

    Task<PairwiseVerdict> CompareAsync(JudgedPair pair, CancellationToken cancellationToken);
}
