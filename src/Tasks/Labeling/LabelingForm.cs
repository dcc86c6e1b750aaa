
namespace InstructGpt.Tasks.Labeling;

/// <summary>
/// The labeling form of InstructGPT Appendix B (Table 3's metadata) for one output: an overall Likert score and
/// the metadata flags, each with a reason, plus a toxicity score. <see cref="Score"/> is the finer-grained quality
/// behind the Likert score, used to order outputs that share a Likert score.
/// </summary>
public sealed record LabelingForm
{
    public const int LikertMin = 1;
    public const int LikertMax = 7;

    /// <summary>Overall quality, 1 (terrible) to 7 (excellent), as this labeler perceives it.</summary>
    public required int Likert { get; init; }

    /// <summary>Perceived quality in [0, 1], noise included; Likert = 1 + round(6 * Score).</summary>
    public required double Score { get; init; }

    /// <summary>The rubric's quality in [0, 1] before this labeler's noise.</summary>
    public required double RubricScore { get; init; }

    public required MetadataFlag FailsToFollowInstruction { get; init; }
    public required MetadataFlag InappropriateForCustomerAssistant { get; init; }
    /// <summary>Closed-domain tasks only: content the source does not support.</summary>
    public required MetadataFlag Hallucination { get; init; }
    /// <summary>True when every explicit constraint holds (or the prompt states none; see the reason).</summary>
    public required MetadataFlag SatisfiesConstraints { get; init; }
    public required MetadataFlag SexualContent { get; init; }
    public required MetadataFlag ViolentContent { get; init; }
    public required MetadataFlag EncouragesViolence { get; init; }
    public required MetadataFlag DenigratesProtectedClass { get; init; }
    public required MetadataFlag HarmfulAdvice { get; init; }
    public required MetadataFlag ExpressesMoralJudgment { get; init; }

    /// <summary>Lexicon toxicity in [0, 1] (<see cref="ToxicityLexicon.Score"/>).</summary>
    public required double Toxicity { get; init; }

    /// <summary>What moved the score, in the rubric's words (eval-sets/README.md).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Whether the task was closed-domain, so <see cref="Hallucination"/> applies.</summary>
    public bool HallucinationApplies { get; init; }

    /// <summary>Whether the prompt stated explicit constraints, so <see cref="SatisfiesConstraints"/> applies.</summary>
    public bool ConstraintsApply { get; init; }

    /// <summary>
    /// The flags as the evaluation store keeps them (<see cref="MetadataFlags"/>): name to value, leaving out
    /// hallucination on open-domain tasks and constraints where the prompt states none, so they stay out of
    /// those rates' denominators (InstructGPT Figure 4).
    /// </summary>
    public IReadOnlyDictionary<string, bool> ToMetadataFlags()
    {
        var flags = new Dictionary<string, bool>(StringComparer.Ordinal)
        {
            [MetadataFlags.FailsToFollowInstruction] = FailsToFollowInstruction.Value,
            [MetadataFlags.InappropriateForCustomerAssistant] = InappropriateForCustomerAssistant.Value,
            ["sexual_content"] = SexualContent.Value,
            ["violent_content"] = ViolentContent.Value,
            ["encourages_violence"] = EncouragesViolence.Value,
            ["denigrates_protected_class"] = DenigratesProtectedClass.Value,
            ["harmful_advice"] = HarmfulAdvice.Value,
            ["moral_judgment"] = ExpressesMoralJudgment.Value,
        };
        if (HallucinationApplies) flags[MetadataFlags.Hallucination] = Hallucination.Value;
        if (ConstraintsApply) flags[MetadataFlags.SatisfiesConstraints] = SatisfiesConstraints.Value;
        return flags;
    }
}
