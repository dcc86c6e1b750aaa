using InstructGpt.Training.Settings;

namespace InstructGpt.Training.Stages;

/// <summary>How comparison data is collected: K outputs per prompt from the SFT model, ranked by a labeler (InstructGPT §3.5: K = 4..9).</summary>
public sealed record ComparisonSettings
{
    public int MinK { get; init; } = PaperSettings.MinComparisonsK;
    public int MaxK { get; init; } = PaperSettings.MaxComparisonsK;
    public double Temperature { get; init; } = 1.0;
    public int MaxTokens { get; init; } = 48;
    /// <summary>Prompts generated together (all with the same K).</summary>
    public int BatchPrompts { get; init; } = 16;
    /// <summary>Stop after this many prompts (a time budget); null uses them all.</summary>
    public int? MaxPrompts { get; init; }
}
