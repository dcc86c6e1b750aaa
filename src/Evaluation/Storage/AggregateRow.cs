namespace InstructGpt.Evaluation.Storage;

/// <summary>A row of <c>evaluation_aggregates</c> as Dapper reads it.</summary>
internal sealed class AggregateRow
{
    public string Model { get; set; } = "";
    public string Judge { get; set; } = "";
    public string Category { get; set; } = "";
    public string Metric { get; set; } = "";
    public double Value { get; set; }
    public double? CiLow { get; set; }
    public double? CiHigh { get; set; }
    public long N { get; set; }
    public string Method { get; set; } = "";
}
