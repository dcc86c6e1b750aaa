namespace InstructGpt.Evaluation.Storage;

/// <summary>A row of <c>evaluation_samples</c> as Dapper reads and writes it.</summary>
internal sealed class SampleRow
{
    public const string Select = """
        SELECT run_id AS RunId, model AS Model, prompt_id AS PromptId, category AS Category, variant AS Variant,
               sample_index AS SampleIndex, prompt AS Prompt, output AS Output, judge AS Judge, likert AS Likert,
               flags_json AS FlagsJson, reasons_json AS ReasonsJson, toxicity AS Toxicity, rm_score AS RmScore,
               finish_reason AS FinishReason, created_at AS CreatedAt
        FROM evaluation_samples
        """;

    public string RunId { get; set; } = "";
    public string Model { get; set; } = "";
    public string PromptId { get; set; } = "";
    public string Category { get; set; } = "";
    public string Variant { get; set; } = "";
    public long SampleIndex { get; set; }
    public string Prompt { get; set; } = "";
    public string Output { get; set; } = "";
    public string Judge { get; set; } = "";
    public long? Likert { get; set; }
    public string FlagsJson { get; set; } = "{}";
    public string ReasonsJson { get; set; } = "[]";
    public double? Toxicity { get; set; }
    public double? RmScore { get; set; }
    public string? FinishReason { get; set; }
    public string CreatedAt { get; set; } = "";

    public static SampleRow From(EvaluationSample sample, DateTimeOffset createdAt) => new()
    {
        RunId = sample.RunId,
        Model = sample.Model,
        PromptId = sample.PromptId,
        Category = sample.Category,
        Variant = sample.Variant,
        SampleIndex = sample.SampleIndex,
        Prompt = sample.Prompt,
        Output = sample.Output,
        Judge = sample.Judge,
        Likert = sample.Likert,
        FlagsJson = JsonColumns.Write(sample.Flags),
        ReasonsJson = JsonColumns.Write(sample.Reasons),
        Toxicity = sample.Toxicity,
        RmScore = sample.RmScore,
        FinishReason = sample.FinishReason,
        CreatedAt = StoredTime.Format(createdAt),
    };

    public EvaluationSample ToSample() => new()
    {
        RunId = RunId,
        Model = Model,
        PromptId = PromptId,
        Category = Category,
        Variant = Variant,
        SampleIndex = checked((int)SampleIndex),
        Prompt = Prompt,
        Output = Output,
        Judge = Judge,
        Likert = Likert is { } likert ? checked((int)likert) : null,
        Flags = JsonColumns.ReadFlags(FlagsJson),
        Reasons = JsonColumns.ReadStrings(ReasonsJson),
        Toxicity = Toxicity,
        RmScore = RmScore,
        FinishReason = FinishReason,
        CreatedAt = StoredTime.Parse(CreatedAt),
    };
}
