namespace InstructGpt.Evaluation.Runs;

/// <summary>One answer of <see cref="InstructionSampler"/>: the prompt's id, the answer's index among that prompt's answers, and its text.</summary>
public sealed record SampledAnswer(string PromptId, int Index, string Text);
