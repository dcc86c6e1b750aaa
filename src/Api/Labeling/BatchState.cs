namespace InstructGpt.Api.Labeling;

/// <summary>What the labeling tables say about a sampled batch: its overlap, when labeling closed, and the counts its progress shows.</summary>
public sealed record BatchState(string Id, int Overlap, DateTimeOffset ReadyAt, DateTimeOffset? ClosedAt, int Tasks, int Submissions, int Skips, int CompletedTasks)
{
    public int RequiredSubmissions => Tasks * Overlap;

    public bool IsComplete => Tasks > 0 && CompletedTasks == Tasks;
}
