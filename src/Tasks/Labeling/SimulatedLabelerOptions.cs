namespace InstructGpt.Tasks.Labeling;

/// <summary>Settings of one simulated labeler.</summary>
public sealed record SimulatedLabelerOptions
{
    /// <summary>
    /// The spread of a labeler's judgment noise, in logits of the rubric's [0, 1] score. Calibrated so that two
    /// labelers with different seeds agree on 72-73% of output pairs, as InstructGPT's training labelers did with
    /// each other (§5.4 / Appendix B: 72.6 ± 1.5%), measured on <see cref="CalibrationOutputs"/> for the committed
    /// test prompts (eval-sets/README.md gives the method and the measured rate).
    /// </summary>
    public const double DefaultNoise = 2.45;

    /// <summary>Which labeler this is: labelers with different seeds disagree where the rubric is close.</summary>
    public long Seed { get; init; }

    /// <summary>0 gives the noise-free rubric; <see cref="DefaultNoise"/> gives human-like disagreement.</summary>
    public double Noise { get; init; } = DefaultNoise;
}
