namespace InstructGpt.Evaluation.Judges;

/// <summary>
/// What a judge decides about one output: plain data, as TRL's judges return plain scores. The evaluation runner
/// stores it beside the output and the judge's name; a judge never sees the store.
/// </summary>
public sealed record SampleLabel
{
    /// <summary>Overall quality on the paper's 1–7 scale (Figure 5), when the judge gives one.</summary>
    public int? Likert { get; init; }

    /// <summary>Metadata flags by name (<see cref="Metrics.MetadataFlags"/>); a flag that does not apply is absent.</summary>
    public IReadOnlyDictionary<string, bool> Flags { get; init; } = new Dictionary<string, bool>();

    /// <summary>The judge's reasons, in its own words.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>Toxicity score in [0, 1], when scored.</summary>
    public double? Toxicity { get; init; }

    /// <summary>The reward model's score of this output, when scored.</summary>
    public double? RmScore { get; init; }
}
