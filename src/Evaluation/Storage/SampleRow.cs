using InstructGpt.Database;
using InstructGpt.Evaluation.Judges;

namespace InstructGpt.Evaluation.Storage;

/// <summary>A row of <c>evaluation_samples</c> as Dapper reads and writes it: an output's columns and the judge's label.</summary>
internal sealed class SampleRow : OutputRow
{
    public new const string Select = $"""
        SELECT {Columns}, judge AS Judge, likert AS Likert,
               flags_json AS FlagsJson, reasons_json AS ReasonsJson, toxicity AS Toxicity, rm_score AS RmScore
        FROM evaluation_samples
        """;

    public string Judge { get; set; } = "";
    public long? Likert { get; set; }
    public string FlagsJson { get; set; } = "{}";
    public string ReasonsJson { get; set; } = "[]";
    public double? Toxicity { get; set; }
    public double? RmScore { get; set; }

    public static SampleRow From(EvaluationSample sample, DateTimeOffset createdAt)
    {
        var row = new SampleRow
        {
            Judge = sample.Judge,
            Likert = sample.Label.Likert,
            FlagsJson = JsonColumns.Write(sample.Label.Flags),
            ReasonsJson = JsonColumns.Write(sample.Label.Reasons),
            Toxicity = sample.Label.Toxicity,
            RmScore = sample.Label.RmScore,
        };
        row.Fill(sample.Output, createdAt);
        return row;
    }

    public EvaluationSample ToSample() => new()
    {
        Output = ToOutput() with { CreatedAt = default }, // the row's time is the sample's, not the output's
        Judge = Judge,
        Label = new SampleLabel
        {
            Likert = Likert is { } likert ? checked((int)likert) : null,
            Flags = JsonColumns.ReadFlags(FlagsJson),
            Reasons = JsonColumns.ReadStrings(ReasonsJson),
            Toxicity = Toxicity,
            RmScore = RmScore,
        },
        CreatedAt = StoredTime.Parse(CreatedAt),
    };
}
