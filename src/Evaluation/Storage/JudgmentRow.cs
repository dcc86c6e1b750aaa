using InstructGpt.Database;
using InstructGpt.Evaluation.Metrics;

namespace InstructGpt.Evaluation.Storage;

/// <summary>A row of <c>evaluation_pairwise_judgments</c> as Dapper reads and writes it.</summary>
internal sealed class JudgmentRow
{
    public const string Select = """
        SELECT run_id AS RunId, prompt_id AS PromptId, category AS Category, sample_index AS SampleIndex, model AS Model,
               baseline AS Baseline, judge AS Judge, result AS Result, reason AS Reason, created_at AS CreatedAt
        FROM evaluation_pairwise_judgments
        """;

    public string RunId { get; set; } = "";
    public string PromptId { get; set; } = "";
    public string Category { get; set; } = "";
    public long SampleIndex { get; set; }
    public string Model { get; set; } = "";
    public string Baseline { get; set; } = "";
    public string Judge { get; set; } = "";
    public string Result { get; set; } = "";
    public string? Reason { get; set; }
    public string CreatedAt { get; set; } = "";

    public static JudgmentRow From(PairwiseJudgment judgment, DateTimeOffset createdAt) => new()
    {
        RunId = judgment.RunId,
        PromptId = judgment.PromptId,
        Category = judgment.Category,
        SampleIndex = judgment.SampleIndex,
        Model = judgment.Model,
        Baseline = judgment.Baseline,
        Judge = judgment.Judge,
        Result = judgment.Result.ToName(),
        Reason = judgment.Reason,
        CreatedAt = StoredTime.Format(createdAt),
    };

    public PairwiseJudgment ToJudgment() => new()
    {
        RunId = RunId,
        PromptId = PromptId,
        Category = Category,
        SampleIndex = checked((int)SampleIndex),
        Model = Model,
        Baseline = Baseline,
        Judge = Judge,
        Result = PairwiseResultNames.Parse(Result),
        Reason = Reason,
        CreatedAt = StoredTime.Parse(CreatedAt),
    };
}
