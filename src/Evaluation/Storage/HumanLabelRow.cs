using InstructGpt.Database;

namespace InstructGpt.Evaluation.Storage;

/// <summary>A row of <c>evaluation_human_labels</c> as Dapper reads it.</summary>
internal sealed class HumanLabelRow
{
    public long Id { get; set; }
    public string? PromptId { get; set; }
    public string Prompt { get; set; } = "";
    public string Output { get; set; } = "";
    public long? Likert { get; set; }
    public string FlagsJson { get; set; } = "{}";
    public string Labeler { get; set; } = "";
    public string CreatedAt { get; set; } = "";

    public HumanLabel ToLabel() => new()
    {
        Id = Id,
        PromptId = PromptId,
        Prompt = Prompt,
        Output = Output,
        Likert = Likert is { } likert ? checked((int)likert) : null,
        Flags = JsonColumns.ReadFlags(FlagsJson),
        Labeler = Labeler,
        CreatedAt = StoredTime.Parse(CreatedAt),
    };
}
