using System.ComponentModel.DataAnnotations;
using InstructGpt.Training.Settings;

namespace InstructGpt.Training.Stages;

/// <summary>
/// How comparison data is collected: K outputs per prompt (InstructGPT §3.5: K = 4..9), most sampled from the SFT
/// model and some from other policies, ranked together by a labeler.
/// </summary>
public sealed record ComparisonSettings : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxK < MinK) yield return new ValidationResult($"MaxK must be at least MinK ({MinK}) (got {MaxK})", [nameof(MaxK)]);
    }

    [Range(2, 64)]
    public int MinK { get; init; } = PaperSettings.MinComparisonsK;
    [Range(2, 64)]
    public int MaxK { get; init; } = PaperSettings.MaxComparisonsK;
    [Range(0.0, 2.0, MinimumIsExclusive = true)]
    public double Temperature { get; init; } = 1.0;
    [Range(1, 65_536)]
    public int MaxTokens { get; init; } = 48;
    /// <summary>Prompts generated together (all with the same K).</summary>
    [Range(1, 1024)]
    public int BatchPrompts { get; init; } = 16;
    /// <summary>Stop after this many prompts (a time budget); null uses them all.</summary>
    [Range(1, 10_000_000)]
    public int? MaxPrompts { get; init; }

    /// <summary>
    /// Checkpoints other than the sampling model (a name under checkpoints/ or a directory) and the share of each
    /// prompt's K outputs each one samples; the sampling model fills the rest. InstructGPT §3.1 ranks outputs of
    /// several of its models, "most of our comparison data comes from our supervised policies"; the pretrained base
    /// model stands in for the paper's prompted GPT-3 and gives every ranking outputs of clearly different quality.
    /// </summary>
    [System.ComponentModel.Description("checkpoint name → share of K in (0, 1); with the demonstration they must leave the sampling model at least one output")]
    public IReadOnlyDictionary<string, double> OtherPolicies { get; init; } = new Dictionary<string, double> { [PipelineBase] = DefaultBaseShare };

    /// <summary>
    /// Rank the prompt's labeler demonstration among the K candidates, as Stiennon et al. (2020, §3.4) ranked the
    /// reference summaries beside policy samples: one on-task output per ranking, which a small SFT model rarely writes.
    /// </summary>
    public bool IncludeDemonstration { get; init; } = true;

    /// <summary>The pipeline's pretrained base checkpoint.</summary>
    public const string PipelineBase = "base";
    /// <summary>A quarter of each ranking from the base model keeps the SFT model's samples the majority (§3.1).</summary>
    public const double DefaultBaseShare = 0.25;
}
