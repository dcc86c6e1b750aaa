namespace InstructGpt.Evaluation.Judges;

/// <summary>
/// What the LLM judge is asked, in the manner of AlpacaEval's pairwise annotators: the instruction and two
/// outputs labelled (a) and (b), and a request to name the better one as "Output (a)" or "Output (b)". Kept short
/// so that it fits a small model's context (the micro preset has 256 positions).
/// </summary>
public static class LlmJudgePrompt
{
    public const string System = "You compare two answers to an instruction and say which one is better.";

    public static string User(string instruction, string outputA, string outputB, int maxOutputCharacters) =>
        $"""
        Which output follows the instruction better?

        Instruction: {instruction}

        Output (a): {Cut(outputA, maxOutputCharacters)}

        Output (b): {Cut(outputB, maxOutputCharacters)}

        Reply with "Output (a)" or "Output (b)".
        """;

    /// <summary>The same request as one prompt for a completions endpoint, ending in the instruction separator.</summary>
    public static string AsCompletionPrompt(string user) => $"{System}\n\n{user}\n";

    private static string Cut(string text, int maxCharacters) =>
        text.Length <= maxCharacters ? text : text[..maxCharacters] + "…";
}
