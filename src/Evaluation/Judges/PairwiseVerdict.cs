namespace InstructGpt.Evaluation.Judges;

/// <summary>A judge's preference between a model's output and the baseline's; <see cref="Result"/> is null when it gave none it could be read as.</summary>
public sealed record PairwiseVerdict(Metrics.PairwiseResult? Result, string Reason);
