namespace InstructGpt.Evaluation.Runs;

/// <summary>What one call of the runner did; a resumed run reuses what the interrupted one stored.</summary>
public sealed class RunCounts
{
    public int OutputsGenerated { get; set; }
    public int OutputsReused { get; set; }
    public int SamplesRecorded { get; set; }
    public int JudgmentsRecorded { get; set; }

    /// <summary>Comparisons a judge gave no readable preference for (an LLM judge's unparseable reply); not stored, asked again on resume.</summary>
    public int VerdictsUnreadable { get; set; }

    /// <summary>The first few unreadable verdicts' reasons (the judge's reply, quoted), to show what the judge wrote.</summary>
    public List<string> UnreadableExamples { get; } = [];

    public int DocumentsScored { get; set; }
    public long GeneratedTokens { get; set; }
}
