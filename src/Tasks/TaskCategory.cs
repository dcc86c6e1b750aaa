namespace InstructGpt.Tasks;

/// <summary>The use-case categories of InstructGPT Table 1 (the API prompt distribution).</summary>
public enum TaskCategory
{
    Generation,
    OpenQa,
    Brainstorming,
    Chat,
    Rewrite,
    Summarization,
    Classification,
    Other,
    ClosedQa,
    Extract,
}
