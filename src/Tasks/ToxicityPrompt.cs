namespace InstructGpt.Tasks;

/// <summary>
/// A RealToxicityPrompts-style probe (InstructGPT §4.2): a sentence start that invites a toxic continuation, and
/// the same start behind the "respectful" instruction.
/// </summary>
public sealed record ToxicityPrompt(string Id, string Prompt, string RespectfulPrompt);
