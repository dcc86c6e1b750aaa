using InstructGpt.Database;

namespace InstructGpt.Evaluation.Storage;

/// <summary>
/// A row of <c>evaluation_outputs</c> as Dapper reads and writes it, and the output's columns of a
/// <c>evaluation_samples</c> row (<see cref="SampleRow"/> extends it): both tables name them alike.
/// </summary>
internal class OutputRow
{
    /// <summary>The output's columns, as Dapper maps them onto these properties.</summary>
    public const string Columns = """
        run_id AS RunId, model AS Model, prompt_id AS PromptId, category AS Category, variant AS Variant,
               sample_index AS SampleIndex, prompt AS Prompt, output AS Output, finish_reason AS FinishReason, created_at AS CreatedAt
        """;

    public const string Select = $"SELECT {Columns} FROM evaluation_outputs";

    public string RunId { get; set; } = "";
    public string Model { get; set; } = "";
    public string PromptId { get; set; } = "";
    public string Category { get; set; } = "";
    public string Variant { get; set; } = "";
    public long SampleIndex { get; set; }
    public string Prompt { get; set; } = "";
    public string Output { get; set; } = "";
    public string? FinishReason { get; set; }
    public string CreatedAt { get; set; } = "";

    public static OutputRow From(GeneratedOutput output, DateTimeOffset createdAt) => new OutputRow().Fill(output, createdAt);

    /// <summary>Sets the output's columns; <paramref name="createdAt"/> is the row's time, which for a sample is the sample's.</summary>
    protected OutputRow Fill(GeneratedOutput output, DateTimeOffset createdAt)
    {
        RunId = output.RunId;
        Model = output.Model;
        PromptId = output.PromptId;
        Category = output.Category;
        Variant = output.Variant;
        SampleIndex = output.SampleIndex;
        Prompt = output.Prompt;
        Output = output.Output;
        FinishReason = output.FinishReason;
        CreatedAt = StoredTime.Format(createdAt);
        return this;
    }

    public GeneratedOutput ToOutput() => new()
    {
        RunId = RunId,
        Model = Model,
        PromptId = PromptId,
        Category = Category,
        Variant = Variant,
        SampleIndex = checked((int)SampleIndex),
        Prompt = Prompt,
        Output = Output,
        FinishReason = FinishReason,
        CreatedAt = StoredTime.Parse(CreatedAt),
    };
}
