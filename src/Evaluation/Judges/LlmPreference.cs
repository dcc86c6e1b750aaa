namespace InstructGpt.Evaluation.Judges;

/// <summary>Which of the two outputs shown a judge preferred.</summary>
public enum LlmPreference
{
    A,
    B,
    Tie,
}
