namespace InstructGpt.Evaluation.Judges;

/// <summary>Which OpenAI-compatible endpoint the "llm" judge asks.</summary>
public enum LlmJudgeEndpoint
{
    /// <summary>POST {base}/chat/completions with a system and a user message.</summary>
    Chat,
    /// <summary>POST {base}/completions with the same text as one prompt.</summary>
    Completions,
}
