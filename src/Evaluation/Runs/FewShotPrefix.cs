using InstructGpt.Inference.Generation;

namespace InstructGpt.Evaluation.Runs;

/// <summary>
/// The paper's "GPT (prompted)" baseline: the base model given "a few-shot prefix to prompt it into an
/// instruction-following mode" (InstructGPT §3.5, §4.1). Each example is laid out as training lays out an
/// instruction (prompt, separator, answer), examples separated by a blank line, which is also where the prompted
/// model's answer is cut.
/// </summary>
public static class FewShotPrefix
{
    public const string ExampleSeparator = "\n\n";

    /// <summary>
    /// Three short examples in the default world's style (a definition, a list, a rewrite). Short, because the
    /// micro and tiny presets have 256 positions for prefix, prompt and answer together.
    /// </summary>
    public static IReadOnlyList<(string Prompt, string Answer)> DefaultExamples { get; } =
    [
        ("Explain what a harbor is.", "A harbor is a sheltered port where ships can take on or discharge cargo."),
        ("List three kinds of fruit.", "1. apple\n2. pear\n3. plum"),
        ("Rewrite this sentence in the past tense: The dog runs home.", "The dog ran home."),
    ];

    public static string Default { get; } = Build(DefaultExamples);

    public static string Build(IEnumerable<(string Prompt, string Answer)> examples) =>
        string.Concat(examples.Select(e => InstructionFormat.Query(e.Prompt) + e.Answer.Trim() + ExampleSeparator));
}
