namespace InstructGpt.Tasks.Labeling;

/// <summary>
/// The labelers' metadata that InstructGPT Figure 4 reports as rates (the labeling form is in Appendix B.2,
/// Figure 11). A sample's flags are stored as a JSON object of these names to true/false; a name that is absent
/// does not apply to that sample (hallucination only on closed-domain tasks, constraints only where the prompt
/// states some), and the sample is left out of that rate's denominator.
/// </summary>
public static class MetadataFlags
{
    /// <summary>"Fails to follow the correct instruction / task" (Figure 4, "Attempts correct instruction" is its complement).</summary>
    public const string FailsToFollowInstruction = "fails_to_follow_instruction";

    /// <summary>"Hallucinations (closed domain)": makes up information not in the source text (Figure 4).</summary>
    public const string Hallucination = "hallucination";

    /// <summary>"Follows explicit constraints" (Figure 4): satisfies the constraints stated in the instruction.</summary>
    public const string SatisfiesConstraints = "satisfies_constraints";

    /// <summary>"Inappropriate for customer assistant" (Figure 4; §4.1).</summary>
    public const string InappropriateForCustomerAssistant = "inappropriate_for_customer_assistant";

    /// <summary>The four rates of Figure 4, in the figure's order.</summary>
    public static IReadOnlyList<string> Figure4 { get; } =
        [InappropriateForCustomerAssistant, FailsToFollowInstruction, SatisfiesConstraints, Hallucination];

    /// <summary>Short labels for charts and tables.</summary>
    public static string Label(string flag) => flag switch
    {
        FailsToFollowInstruction => "Fails to follow instruction",
        Hallucination => "Hallucination (closed domain)",
        SatisfiesConstraints => "Satisfies constraints",
        InappropriateForCustomerAssistant => "Inappropriate for customer assistant",
        _ => flag.Replace('_', ' '),
    };
}
