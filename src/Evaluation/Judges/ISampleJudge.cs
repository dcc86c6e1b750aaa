namespace InstructGpt.Evaluation.Judges;

/// <summary>A judge that labels single outputs: a Likert score, metadata flags, a toxicity or reward-model score.</summary>
public interface ISampleJudge
{
    string Name { get; }

    /// <summary>One label per output, in order; null where this judge says nothing about that output.</summary>
    Task<IReadOnlyList<SampleLabel?>> LabelAsync(IReadOnlyList<JudgedOutput> outputs, CancellationToken cancellationToken);
}
